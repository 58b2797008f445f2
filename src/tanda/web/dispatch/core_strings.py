"""Strings of the core's department role (`tanda.web.core.models.Profile`), listed here so that
`makemessages` run in this app keeps them in its English catalogue: core has no catalogue of its
own and the plans' one (web/locale) is not this app's to edit. Django merges every catalogue."""

from django.utils.translation import gettext_noop

CORE_STRINGS = (
    gettext_noop("部门用户"),
    gettext_noop("所属部门"),
    gettext_noop("部门用户必填：只能填报本部门承担的任务。"),
    gettext_noop("部门用户必须指定所属部门。"),
    gettext_noop("所属部门不在所属地区。"),
)
