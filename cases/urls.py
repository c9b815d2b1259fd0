"""Browser UI, mounted at "/" (wanian_exec/urls.py). Names without a namespace: LOGIN_URL is "login"."""
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import CourtAuthenticationForm

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html",
                                                authentication_form=CourtAuthenticationForm,
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    # enforcement cases
    path("cases/", views.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/events/", views.case_event, name="case-event"),
    path("cases/<int:pk>/inquiries/", views.case_inquiry, name="case-inquiry"),
    path("cases/<int:pk>/urgings/", views.case_urging, name="case-urging"),
    path("cases/<int:pk>/funds/", views.case_fund, name="case-fund"),
    path("cases/<int:pk>/close/", views.case_close, name="case-close"),
    path("cases/<int:pk>/resume/", views.case_resume, name="case-resume"),
    # litigation (source) cases
    path("litigation/", views.litigation_list, name="litigation-list"),
    path("litigation/new/", views.litigation_new, name="litigation-new"),
    path("litigation/<int:pk>/", views.litigation_detail, name="litigation-detail"),
    path("litigation/<int:pk>/preservations/", views.litigation_preservation, name="litigation-preservation"),
    path("litigation/<int:pk>/outcome/", views.litigation_outcome, name="litigation-outcome"),
    path("litigation/<int:pk>/payments/", views.litigation_payment, name="litigation-payment"),
    path("litigation/<int:pk>/urgings/", views.litigation_urging, name="litigation-urging"),
    # parties and the party picker (htmx fragments)
    path("parties/", views.party_list, name="party-list"),
    path("parties/lookup/", views.party_lookup, name="party-lookup"),
    path("parties/<int:pk>/chip/", views.party_chip, name="party-chip"),
    path("parties/new/inline/", views.party_create_inline, name="party-create-inline"),
]
