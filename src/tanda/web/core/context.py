"""Template context every page needs: the feature menu."""

from django.http import HttpRequest

from tanda.web.features import navigation


def menu(request: HttpRequest) -> dict:
    return {"feature_menu": navigation()}
