"""The domain's assessment labels, listed literally so that `makemessages` puts them in this app's catalogue.

A test checks this list against `tanda.assessment.scheme.RULE_LABELS` and `tanda.assessment.scoring.MISSING_LABELS`.
"""

from django.utils.translation import gettext_noop

DOMAIN_STRINGS = [
    # tanda.assessment.scheme.RULE_LABELS
    gettext_noop("直接得分（数值即0–100分）"),
    gettext_noop("功效系数法（60–100分，按参评对象最优最差值）"),
    gettext_noop("目标完成率（实际/目标，满分100）"),
    gettext_noop("同比改善（改善幅度达到满分幅度得100分，持平得60分）"),
    gettext_noop("标准化排名（最优100分，最差0分）"),
    # tanda.assessment.scoring.MISSING_LABELS
    gettext_noop("无数据"),
    gettext_noop("无上年数据"),
    gettext_noop("无目标值"),
]
