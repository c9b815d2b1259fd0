"""Language choice: Chinese unless the user asks otherwise.

The browser UI follows an explicit choice (the language cookie set by Django's set_language view), never the
browser's Accept-Language: a clerk on an English-locale PC still gets the Chinese court UI. The API honours
Accept-Language, so `Accept-Language: en` gives English messages to other systems.
"""
from django.conf import settings
from django.utils import translation


class CourtLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
        if not language or not translation.check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
