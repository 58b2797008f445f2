from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "tanda.web.review"
    label = "review"
    verbose_name = _("方案审核")
    nav_label = _("方案审核")
    nav_url = "review:index"
