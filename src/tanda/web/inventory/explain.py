"""The fuel-by-fuel explanation of a comparison, in the user's language, with links to the factors used.

The numbers are the domain's `Comparison` (`tanda.inventory.compare`). Where the computed side knows
how much of a fuel group was burned, the published inventory's CO2 over that quantity is the factor
it *implies*; the difference of the group is then exactly (factor used − factor implied) × quantity
burned, so a page can say which factor made it. A group one side has and the other lacks is a
difference of what was counted (activity), not of factors.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from tanda.inventory import Comparison
from tanda.inventory.fuels import all_fuels
from tanda.web.inventory.citations import factor_anchor
from tanda.web.inventory.models import Inventory

# Below this many tonnes the two sides are the same (published figures are rounded in the last digits).
SAME_T = 1.0
# Within this many per cent a fuel's two values agree as well as factor tables do: not worth a sentence.
CLOSE_PCT = 2.0
# The summary names the fuels that together make this share of the total difference.
SUMMARY_SHARE = 0.9


def _head(group: str) -> str | None:
    """The fuel id whose name is the CEADs group's name (Raw Coal → raw_coal)."""
    return next((f.id for f in all_fuels().values() if f.name_en == group), None)


def group_label(group: str) -> str:
    if group == "Process":
        return _("工业过程（水泥）")
    head = _head(group)
    return f"{all_fuels()[head].name_zh} {group}" if head else group


def explain(comparison: Comparison, computed: Inventory) -> list[dict[str, Any]]:
    """One entry per fuel group, largest difference first: the numbers and a sentence saying why."""
    used = computed.record.get("factors_used", {})
    out = []
    for f in sorted(comparison.fuels, key=lambda f: -abs(f.difference_t)):
        head = _head(f.fuel) if f.fuel != "Process" else "cement"
        link = None
        if head and head in used and computed.factor_set and f.used_factor is not None:
            link = reverse("inventory:factor_set", args=[computed.factor_set]) + f"#{factor_anchor(head)}"
        if abs(f.difference_t) < SAME_T:
            cause, sentence = "same", _("两者一致")
        elif f.difference_pct is not None and f.published_t and abs(f.difference_pct) <= CLOSE_PCT:
            cause, sentence = "same", _("相差在 2% 以内")
        elif f.published_t == 0:
            cause = "activity"
            sentence = _("已发布清单没有这一项排放，本清单按平衡表计入了燃烧量：是计入范围（活动水平）的差异")
        elif f.computed_t == 0:
            cause = "activity"
            sentence = _("本清单没有这一项的燃烧量，已发布清单有：是计入范围（活动水平）的差异")
        elif f.fuel == "Process":
            cause = "activity"
            sentence = _("工业过程排放 = 水泥（熟料）产量 × 过程排放因子：两边的产量或因子不同")
        elif f.implied_factor is not None and f.used_factor is not None:
            cause = "factor"
            sentence = _(
                "同样的燃烧量 %(burned)s %(unit)s，已发布清单折合每%(unit)s %(implied)s t CO2，"
                "本清单（%(set)s）用 %(used)s t CO2：差异 = 因子之差 × 燃烧量"
            ) % {
                "burned": f"{f.burned:,.0f}",
                "unit": f.unit,
                "implied": f"{f.implied_factor:.4g}",
                "used": f"{f.used_factor:.4g}",
                "set": comparison.factor_set,
            }
        else:
            cause = "mixed"
            sentence = _("该组燃料计量单位不一（如天然气与液化天然气），无法折算单位因子")
        out.append(
            {
                "fuel": f.fuel,
                "label": group_label(f.fuel),
                "row": f,
                "cause": cause,
                "sentence": sentence,
                "link": link,
            }
        )
    return out


def summary(comparison: Comparison, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The few fuels that make most of the total difference (largest first), for the sentence above the table."""
    total = comparison.difference_t
    leading = []
    covered = 0.0
    for e in entries:
        f = e["row"]
        if not total or f.share_of_difference is None or f.share_of_difference <= 0:
            continue
        leading.append(e)
        covered += f.share_of_difference
        if covered >= SUMMARY_SHARE:
            break
    return {"leading": leading, "covered": covered}
