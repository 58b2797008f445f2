from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tanda.web.core"
    label = "core"
    verbose_name = _("行政区划与用户")
