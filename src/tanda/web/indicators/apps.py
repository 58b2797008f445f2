from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "tanda.web.indicators"
    label = "indicators"
    verbose_name = _("指标与调度")
    nav_label = _("指标与预警")
    nav_url = "indicators:index"

    def ready(self) -> None:
        from tanda.web.indicators import revision

        revision.connect()
