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
    path("cases/<int:pk>/approve-termination/", views.case_approve_termination, name="case-approve-termination"),
    path("cases/<int:pk>/contacts/", views.case_contact, name="case-contact"),
    path("cases/<int:pk>/inquiry-imports/", views.case_import, name="case-import"),
    path("cases/<int:pk>/investigations/", views.case_investigation, name="case-investigation"),
    path("cases/<int:pk>/fast-track/", views.case_fast_track, name="case-fast-track"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case-edit"),
    # litigation (source) cases
    path("litigation/", views.litigation_list, name="litigation-list"),
    path("litigation/new/", views.litigation_new, name="litigation-new"),
    path("litigation/lookup/", views.litigation_lookup, name="litigation-lookup"),
    path("litigation/<int:pk>/", views.litigation_detail, name="litigation-detail"),
    path("litigation/<int:pk>/preservations/", views.litigation_preservation, name="litigation-preservation"),
    path("litigation/<int:pk>/outcome/", views.litigation_outcome, name="litigation-outcome"),
    path("litigation/<int:pk>/payments/", views.litigation_payment, name="litigation-payment"),
    path("litigation/<int:pk>/urgings/", views.litigation_urging, name="litigation-urging"),
    path("litigation/<int:pk>/preservation-answer/", views.litigation_preservation_answer,
         name="litigation-preservation-answer"),
    # 四同步: to-dos, fast track, preservations, assets
    path("todos/", views.todo_list, name="todo-list"),
    path("todos/<int:pk>/done/", views.todo_done, name="todo-done"),
    path("todos/done/", views.todos_done, name="todos-done"),
    path("fast-track/", views.fast_track_list, name="fast-track-list"),
    path("preservations/", views.preservation_list, name="preservation-list"),
    path("preservations/new/", views.preservation_new, name="preservation-new"),
    path("preservations/<int:pk>/", views.preservation_detail, name="preservation-detail"),
    path("preservations/<int:pk>/ruling/", views.preservation_ruling, name="preservation-ruling"),
    path("preservations/<int:pk>/assets/", views.preservation_asset, name="preservation-asset"),
    path("preservations/<int:pk>/release/", views.preservation_release, name="preservation-release"),
    path("assets/<int:pk>/", views.asset_detail, name="asset-detail"),
    path("assets/<int:pk>/control/", views.asset_control, name="asset-control"),
    path("assets/<int:pk>/renew/", views.asset_renew, name="asset-renew"),
    path("assets/<int:pk>/deduct/", views.asset_deduct, name="asset-deduct"),
    path("assets/<int:pk>/valuation/", views.asset_value, name="asset-value"),
    path("assets/<int:pk>/auction/", views.asset_auction, name="asset-auction"),
    path("assets/<int:pk>/auction-result/", views.asset_result, name="asset-result"),
    path("assets/<int:pk>/proceeds/", views.asset_proceeds, name="asset-proceeds"),
    path("assets/<int:pk>/release/", views.asset_release, name="asset-release"),
    # parties and the party picker (htmx fragments)
    path("parties/", views.party_list, name="party-list"),
    path("parties/<int:pk>/", views.party_detail, name="party-detail"),
    path("parties/lookup/", views.party_lookup, name="party-lookup"),
    path("parties/<int:pk>/chip/", views.party_chip, name="party-chip"),
    path("parties/new/inline/", views.party_create_inline, name="party-create-inline"),
]
