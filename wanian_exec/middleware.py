"""Language choice: Chinese unless the user asks otherwise.

The browser UI follows an explicit choice (the language cookie set by Django's set_language view), never the
browser's Accept-Language: a clerk on an English-locale PC still gets the Chinese court UI. The API honours
Accept-Language, so `Accept-Language: en` gives English messages to other systems.
"""
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real


class CourtLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path.startswith("/api/") and request.headers.get("Accept-Language"):
            # other systems say what they want in the header; it wins over a browser cookie
            language = _from_accept_language(request.headers["Accept-Language"]) or language
        if not language or not translation.check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def _from_accept_language(header: str) -> str | None:
    for code, _quality in trans_real.parse_accept_lang_header(header):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


class UploadedFileHeadersMiddleware:
    """Uploaded files (MEDIA_URL) are never rendered by the browser as a page of our origin: they are sent as
    attachments, with nosniff, and only when their type is on the whitelist (wanian_exec/uploads.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        media_url = "/" + settings.MEDIA_URL.lstrip("/")
        if request.path.startswith(media_url):
            from .uploads import harden_file_response

            harden_file_response(response, request.path)
        return response


class PrivateResponsesMiddleware:
    """What a logged-in user is shown is theirs: no browser, proxy or shared office PC keeps a copy
    (`Cache-Control: no-store, private`). Placed after AuthenticationMiddleware; an API token user counts too (DRF
    sets the user on Django's request). Static files never get here (WhiteNoise answers first) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response
