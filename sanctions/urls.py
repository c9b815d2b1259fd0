"""Browser UI of the three axes, mounted at /sanctions/ (wanian_exec/urls.py), namespace `sanctions`."""
from django.urls import path

from . import views

app_name = "sanctions"

urlpatterns = [
    path("", views.roster_index, name="rosters"),
    path("rosters/police_search/handover/", views.police_handover, name="police-handover"),
    path("rosters/<str:kind>/", views.roster_list, name="roster"),
    path("rosters/<str:kind>/export/", views.roster_export, name="roster-export"),
    path("rosters/<str:kind>/bulk/", views.roster_bulk, name="roster-bulk"),
    path("roster-entries/<int:pk>/", views.roster_entry, name="roster-entry"),
    path("roster-entries/<int:pk>/<str:action>/", views.roster_action, name="roster-action"),
    path("measures/", views.sanction_list, name="list"),
    path("measures/new/", views.sanction_new, name="new"),
    path("measures/approvals/", views.approval_queue, name="approvals"),
    path("measures/<int:pk>/", views.sanction_detail, name="detail"),
    path("measures/<int:pk>/<str:action>/", views.sanction_action, name="action"),
    path("reconsiderations/<int:pk>/decide/", views.reconsideration_decide, name="reconsideration-decide"),
    path("travel/", views.travel_import_page, name="travel-import"),
    path("travel/template/", views.travel_template_download, name="travel-template"),
    path("violations/", views.violation_list, name="violations"),
    path("violations/<int:pk>/", views.violation_detail, name="violation"),
    path("prosecutions/", views.prosecution_list, name="prosecutions"),
    path("prosecutions/<int:pk>/", views.prosecution_detail, name="prosecution"),
    path("prosecutions/<int:pk>/letter/", views.referral_letter, name="referral-letter"),
    path("prosecutions/<int:pk>/<str:action>/", views.prosecution_action, name="prosecution-action"),
]
