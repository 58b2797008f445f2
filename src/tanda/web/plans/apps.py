from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "tanda.web.plans"
    label = "plans"
    verbose_name = _("实施方案")
