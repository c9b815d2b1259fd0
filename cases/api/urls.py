from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

# A namespace of its own: the browser UI (cases/urls.py) uses names such as "party-list" too, and the API root
# view would otherwise link to the UI's pages.
app_name = "cases-api"

router = DefaultRouter()
router.register("courts", views.CourtViewSet, basename="court")
router.register("users", views.UserViewSet, basename="user")
router.register("townships", views.TownshipViewSet, basename="township")
router.register("grids", views.GridViewSet, basename="grid")
router.register("parties", views.PartyViewSet, basename="party")
router.register("litigation-cases", views.LitigationCaseViewSet, basename="litigation-case")
router.register("enforcement-cases", views.EnforcementCaseViewSet, basename="enforcement-case")
router.register("assets", views.AssetViewSet, basename="asset")
router.register("todos", views.TodoViewSet, basename="todo")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/logout/", views.LogoutView.as_view(), name="api-logout"),
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
