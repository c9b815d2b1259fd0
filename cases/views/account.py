"""The user's own account: changing their password (every logged-in user)."""
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from ..forms import CourtPasswordChangeForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view (login required, old password checked, AUTH_PASSWORD_VALIDATORS run with the user, this
    session kept). A new password ends the user's other sessions and revokes their API token (cases/signals.py)."""

    form_class = CourtPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。其他设备上的登录和接口令牌已失效，需用新密码重新登录。"))
        return response


password_change = PasswordChangeView.as_view()
