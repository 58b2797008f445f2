"""Chinese first: the language is the one the user chose with the switch, else Chinese.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office machine with
an English browser would open in English; tanda's users expect Chinese unless they switch.

The same language is chosen for the domain packages' messages (`tanda.i18n`: import errors of
`tanda.enterprises`) for the length of the request, and put back afterwards so that a worker
thread's next request, or code outside any request, starts from English again. The JSON API
(/api/) stays English: its clients are programs and logs, and its own messages are English.
"""

from contextlib import suppress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from tanda import i18n

_TOKEN = "_tanda_domain_language"
_ENGLISH_PATHS = ("/api/",)  # tanda.web.urls mounts the django-ninja API here


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        domain = "en" if request.path_info.startswith(_ENGLISH_PATHS) else request.LANGUAGE_CODE
        setattr(request, _TOKEN, i18n.set_language(domain))

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        token = getattr(request, _TOKEN, None)
        if token is not None:
            # ValueError: set in another context (an async worker's), which ends with the request anyway
            with suppress(ValueError):
                i18n.reset_language(token)
        return response
