"""Site-wide views that belong to no app."""
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every site; the icon itself is a static file (hashed in production)."""
    return redirect(static("favicon.ico"))
