"""The domain's review sentences, listed literally so that `makemessages` puts them in this app's catalogue.

`tanda.plan.review_compare` and `tanda.plan.review` write them in Chinese with parameters; the pages
translate them with `gettext` (`templatetags/review_tags.py`). A test checks this list against the domain.
"""

from django.utils.translation import gettext_noop

DOMAIN_STRINGS = [
    # tanda.plan.review_compare.VERDICT_LABELS
    gettext_noop("一致"),
    gettext_noop("严于上级"),
    gettext_noop("弱于上级"),
    gettext_noop("目标年份不同"),
    gettext_noop("未设置"),
    gettext_noop("不可直接比较"),
    # tanda.plan.review_compare.REASONS
    gettext_noop("目标值与上级方案相同"),
    gettext_noop("下级目标（%(child)s）比上级目标（%(parent)s）更严格"),
    gettext_noop("下级目标（%(child)s）弱于上级目标（%(parent)s）"),
    gettext_noop("下级方案仅在%(years)s年设置了该指标，上级方案目标年为%(year)s年"),
    gettext_noop("下级方案未设置该指标"),
    gettext_noop("%(indicator)s是总量指标，上下级数值不能直接比较，应与分解到本地区的份额比较"),
    gettext_noop("指标“%(name)s”不在指标目录中，无法按指标匹配"),
    gettext_noop("%(side)s目标数值隐去，无法比较"),
    gettext_noop("%(side)s目标单位无法换算：%(problem)s"),
    gettext_noop("上下级目标的基准年不同（%(parent)s年与%(child)s年），降幅不能直接比较"),
    gettext_noop("上下级目标表述方式不同（%(parent)s与%(child)s），不能直接比较"),
    gettext_noop("上级目标仅适用于%(scope)s"),
    # tanda.plan.review_compare.NOTES
    gettext_noop("%(side)s目标未写明基准年，按%(year)s年计"),
    gettext_noop("下级目标为“力争”，约束性弱于上级"),
    gettext_noop("下级目标为“左右”，上级目标为“%(qualifier)s”"),
    gettext_noop("指标按名称相似度匹配到“%(name)s”，请核对"),
    gettext_noop("%(side)s目标未写明年份"),
    gettext_noop("上级目标适用范围：%(scope)s"),
    # tanda.plan.review_compare.SIDES
    gettext_noop("上级"),
    gettext_noop("下级"),
    # tanda.plan.review.WARNINGS
    gettext_noop("下级方案未识别出任何量化目标：请检查文件是否完整、是否为实施方案正文"),
    gettext_noop("上级方案未识别出任何量化目标，无法进行目标衔接审核"),
    gettext_noop("下级方案未识别出重点任务"),
    # tanda.plan.review.CHILD_ONLY_REASONS
    gettext_noop("上级方案未设置该指标"),
    gettext_noop("指标不在指标目录中，无法与上级方案匹配"),
]
