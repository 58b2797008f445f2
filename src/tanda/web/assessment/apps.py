from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "tanda.web.assessment"
    label = "assessment"
    verbose_name = _("考核评价")
    nav_label = _("考核评价")
    nav_url = "assessment:index"
