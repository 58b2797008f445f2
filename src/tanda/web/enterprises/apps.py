from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "tanda.web.enterprises"
    label = "enterprises"
    verbose_name = _("重点用能单位")
    nav_label = _("重点用能单位")
    nav_url = "enterprises:index"
