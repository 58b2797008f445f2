"""The JSON API (django-ninja, OpenAPI at /api/docs): one router per feature app."""

from __future__ import annotations

from ninja import NinjaAPI

from tanda.web.features import FEATURE_APPS, feature_module

api = NinjaAPI(title="tanda API", version="1", urls_namespace="api")

for _app in FEATURE_APPS:
    if (_module := feature_module(_app, "api")) is not None:
        api.add_router(f"/{_app}/", _module.router)
