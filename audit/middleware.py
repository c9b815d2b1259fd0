"""The request's user as the actor of every write it makes (the audit trail's context)."""
from .context import acting


class AuditActorMiddleware:
    """Attribute every write of the request to its user in the audit trail (audit.context).

    Placed after AuthenticationMiddleware. The request is stored and its user read at save time, so API token
    users (authenticated by DRF inside the view) are attributed as well as session users.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "admin" if request.path.startswith("/admin/") \
            else "web"
        with acting(request=request, source=source):
            return self.get_response(request)
