"""What the sanctions pages share: the section's sub-navigation, form-on-service helpers, safe redirects."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .. import selectors
from ..choices import RosterKind


def back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def section_context(request, section: str) -> dict:
    """The sub-navigation of the 三板斧 pages: three rosters with their counts, measures, approvals, travel,
    violations, referrals."""
    counts = selectors.roster_counts(request.user)
    rosters = [{"kind": kind, "label": label,
                "pending": counts[kind].get("pending", 0),
                "active": counts[kind].get("pending", 0) + counts[kind].get("confirmed", 0)}
               for kind, label in RosterKind.choices]
    queue = selectors.approval_queue_for(request.user).count() if request.user.has_perm(
        "sanctions.approve_sanction") else 0
    return {"section": section, "nav_rosters": rosters, "approval_count": queue}


def action_card(*, name: str, title, submit, url: str, form, help="", confirm="") -> dict:
    """One card of the shared partials/action_card.html, the shape cases.views.enforcement._card builds. The
    sanctions pages build cards only for what the user may do, and post them plainly (`plain=True`): a refused
    form comes back as flashed messages after the redirect, so a card's form is never bound here."""
    return {"name": name, "title": title, "help": help, "submit": submit, "url": url, "form": form,
            "open": form.is_bound, "allowed": True, "confirm": confirm}


def flash_errors(request, form) -> None:
    for error in form.non_field_errors():
        messages.error(request, error)
    for name, errors in form.errors.items():
        if name != "__all__":
            label = form.fields[name].label if name in form.fields else name
            for error in errors:
                messages.error(request, f"{label}：{error}")


def redirect_back(request, default: str):
    return redirect(back(request, default))
