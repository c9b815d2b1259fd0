"""The recipient portal, mounted at /p/ (short, for SMS): /p/<token>/ and /p/<token>/feedback/."""
from django.urls import path

from . import portal

app_name = "push_portal"

urlpatterns = [
    path("<str:token>/", portal.portal, name="portal"),
    path("<str:token>/feedback/", portal.PortalFeedbackView.as_view(), name="feedback"),
]
