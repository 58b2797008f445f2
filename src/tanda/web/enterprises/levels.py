"""Which benchmark and baseline level applies to a project, and who may enter levels.

An office enters levels from the documents it holds (`EnteredLevel`); the package ships the few it
could confirm. For a project in region R making product P the level is, in this order:

1. the entered level of the nearest region among R and its ancestors (a county's own level, else its
   city's, else its province's): a province's stricter local level governs its projects;
2. else a national entered level (the NDRC table as an office typed it, with its citation);
3. else the packaged level (confirmed against a public page, see PROVENANCE.md).

Within one of these, the newest edition wins. Every applied level says where it came from, so a
screening can never be shown without its source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from tanda.enterprises.benchmarks import Benchmark, benchmarks
from tanda.regions import ancestors
from tanda.web.core.models import Profile
from tanda.web.core.permissions import role_of
from tanda.web.enterprises.access import can_edit_region_data, is_enterprise_user
from tanda.web.enterprises.models import EnteredLevel

if TYPE_CHECKING:
    from tanda.web.core.permissions import User

Origin = Literal["packaged", "entered"]


@dataclass(frozen=True)
class AppliedLevel:
    """A level and where it came from: packaged (citation = key in PROVENANCE.md) or entered (who, where)."""

    ref: Benchmark
    origin: Origin
    citation: str
    region_code: str | None = None  # entered levels: the region it was entered for; None = national
    region_name: str = ""
    entered_by: str = ""
    changed: datetime | None = None
    pk: int | None = None

    @property
    def entered(self) -> bool:
        return self.origin == "entered"

    def source_text(self) -> str:
        """One line for exports and the API: where the numbers come from."""
        where = f"{self.ref.document}（{self.ref.edition}）"
        if not self.entered:
            return f"已核实公开来源 {self.citation}（PROVENANCE.md）· {where}"
        scope = self.region_name or "全国"
        when = self.changed.strftime("%Y-%m-%d") if self.changed else ""
        return f"本地录入 · {scope} · {where} {self.citation} · {self.entered_by or '—'} {when}".rstrip()


def packaged_level(ref: Benchmark) -> AppliedLevel:
    return AppliedLevel(ref=ref, origin="packaged", citation=ref.source)


def entered_applied(level: EnteredLevel) -> AppliedLevel:
    return AppliedLevel(
        ref=level.as_benchmark(),
        origin="entered",
        citation=level.citation,
        region_code=level.region_id,
        region_name=level.region.name if level.region_id else "",
        entered_by=level.entered_by.get_username() if level.entered_by_id else "",
        changed=level.changed,
        pk=level.pk,
    )


class LevelBook:
    """Every entered level, read once (the table is small), and the packaged ones: ask `applies`.

    Load one per request and pass it to every screening of that request: a list of projects then
    costs one query for its levels, whatever its length.
    """

    def __init__(self, entered: Iterable[EnteredLevel], packaged: dict[str, Benchmark] | None = None) -> None:
        self.packaged = benchmarks() if packaged is None else packaged
        self._entered: dict[tuple[str, str | None], list[EnteredLevel]] = defaultdict(list)
        for level in entered:
            self._entered[(level.product, level.region_id)].append(level)
        for candidates in self._entered.values():
            candidates.sort(key=lambda x: x.edition, reverse=True)

    @classmethod
    def load(cls) -> LevelBook:
        return cls(EnteredLevel.objects.select_related("region", "entered_by"))

    def applies(self, product: str, region_code: str | None) -> AppliedLevel | None:
        """The level a project of `product` in `region_code` is screened against; None when there is none."""
        for code in [*_nearest_first(region_code), None]:
            found = self._entered.get((product, code))
            if found:
                return entered_applied(found[0])
        ref = self.packaged.get(product)
        return packaged_level(ref) if ref is not None else None

    def products(self) -> dict[str, Benchmark]:
        """Every product some level is known for: packaged ones, then entered-only ones (newest edition's names)."""
        out = dict(self.packaged)
        newest: dict[str, EnteredLevel] = {}
        for (product, _), candidates in self._entered.items():
            if product not in out and (product not in newest or candidates[0].edition > newest[product].edition):
                newest[product] = candidates[0]
        for product in sorted(newest):
            out[product] = newest[product].as_benchmark()
        return out


def _nearest_first(region_code: str | None) -> list[str]:
    """The region and its ancestors, nearest first (220581 → 220581, 220500, 220000)."""
    if not region_code:
        return []
    try:
        above = [d.code for d in ancestors(region_code)]
    except KeyError:
        above = []
    return [region_code, *reversed(above)]


def may_enter_levels(user: User) -> bool:
    """Administrators, and offices with a region (for that region and below). Viewers and enterprises read."""
    if not user.is_authenticated or is_enterprise_user(user):
        return False
    role = role_of(user)
    return role == Profile.Role.ADMIN or (role == Profile.Role.OFFICE and bool(user.profile.region_id))


def can_edit_level(user: User, region_code: str | None) -> bool:
    """A national level (no region) only by administrators; a region's by whoever edits that region's data."""
    if region_code is None:
        return not is_enterprise_user(user) and role_of(user) == Profile.Role.ADMIN
    return can_edit_region_data(user, region_code)
