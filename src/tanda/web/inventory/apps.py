"""Emissions accounting: energy statistics, factor sets, CO2 inventories."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "tanda.web.inventory"
    label = "inventory"
    verbose_name = _("排放核算")
    nav_label = _("排放核算")
    nav_url = "inventory:index"
