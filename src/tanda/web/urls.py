"""URL map: the plan pages at /, every other feature app at /<label>/, the API, sign-in, admin, i18n."""

from django.contrib import admin
from django.urls import include, path

from tanda.web.api import api
from tanda.web.features import FEATURE_APPS, feature_module

urlpatterns = [
    path("", include("tanda.web.plans.urls")),
    *(
        path(f"{app}/", include(f"tanda.web.{app}.urls"))
        for app in FEATURE_APPS[1:]
        if feature_module(app, "urls") is not None
    ),
    path("api/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
