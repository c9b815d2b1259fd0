"""After migrate: the clearance permissions of the role groups (cases.signals creates the groups). On a push
lead marked effective (pushes' feedback_reviewed, sent by its review service): a resume trigger at once (the daily
sweep would find it too)."""
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from cases.choices import Role
from cases.models import EnforcementCase
from cases.roles import grant_role_permissions
from pushes.choices import FeedbackKind
from pushes.signals import feedback_reviewed

# Leaders review 终本 closures and read the campaign board; court admins read both; judges read the reviews of
# their court (their own cases come up in them). Resuming and recording requests need cases.handle_enforcementcase;
# a leader may resume any judge's case (clearance.resume_any_case, cases.services.enforcement.check_may_resume).
CLEARANCE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEADER: ["clearance.view_closurereview", "clearance.add_closurereview", "clearance.change_closurereviewitem",
                  "clearance.resume_any_case"],
    Role.COURT_ADMIN: ["clearance.view_closurereview"],
    Role.ENFORCEMENT_JUDGE: ["clearance.view_closurereview"],
}


@receiver(post_migrate, dispatch_uid="clearance_role_permissions")
def sync_clearance_permissions(sender, **kwargs):
    if getattr(sender, "name", "") != "clearance":
        return
    grant_role_permissions(CLEARANCE_PERMISSIONS, using=kwargs.get("using", "default"))


@receiver(feedback_reviewed, dispatch_uid="clearance_push_lead")
def push_lead_reviewed(sender, feedback, **kwargs):
    if feedback.effective and feedback.kind == FeedbackKind.LEAD:
        from .services.triggers import trigger_from_feedback

        trigger_from_feedback(feedback)


@receiver(post_save, sender=EnforcementCase, dispatch_uid="clearance_case_resumed")
def case_resumed(sender, instance: EnforcementCase, created: bool, **kwargs):
    """However a 终本 case is resumed (its 终本 page, the case page, the API), it leaves the re-inquiry queue and
    its evidence is settled in the same transaction."""
    if created and instance.resumed_from_id:
        from .services.triggers import settle_resumed

        settle_resumed(case_id=instance.resumed_from_id)
