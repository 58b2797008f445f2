from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "tanda.web.pathways"
    label = "pathways"
    verbose_name = _("达峰路径")
    nav_label = _("达峰路径")
    nav_url = "pathways:index"
