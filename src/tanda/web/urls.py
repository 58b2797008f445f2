"""URL map: pages, sign-in, admin, i18n switch."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tanda.web.plans.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
