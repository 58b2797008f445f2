"""The demo: Jilin's baseline, policy and enhanced scenarios (the packaged ones), stored for region 220000.

Each is stored with its own document as packaged (the policy inherits from the baseline, the
enhanced from the policy), published, so the pages show them to everyone. A scenario already
stored under that name is left as it is (it may have been edited since): a second run changes nothing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from django.db import transaction

from tanda.pathways import reference
from tanda.pathways.scenario import json_keys, read_document
from tanda.web.core.models import Region
from tanda.web.pathways.models import Scenario
from tanda.web.pathways.store import Draft, save_scenario

REGION = "220000"
SCENARIOS = ("jilin-baseline", "jilin-policy", "jilin-enhanced")  # parents first


def packaged_own_document(name: str) -> tuple[dict, str | None]:
    """A packaged scenario file's own document (not merged) and the name of its parent."""
    files = reference.packaged_scenarios()
    if name not in files:
        raise LookupError(f"no packaged scenario {name!r}")
    path = Path(str(resources.files(reference.SCENARIO_PACKAGE).joinpath(files[name])))
    doc = json_keys(read_document(path))
    doc.pop("name", None)
    return doc, doc.pop("parent", None)


@transaction.atomic
def load_demo() -> list[str]:
    region = Region.objects.get(code=REGION)
    lines = []
    for name in SCENARIOS:
        existing = Scenario.objects.filter(region=region, name=name).first()
        if existing is not None:
            lines.append(f"pathways: {name} already stored (v{existing.version}, peak {existing.peak_year})")
            continue
        own, parent_name = packaged_own_document(name)
        parent = Scenario.objects.get(region=region, name=parent_name) if parent_name else None
        row = save_scenario(Draft(name, own, parent), region=region, published=True, user=None, reason="demo").scenario
        lines.append(f"pathways: stored {name} for {region.name} (peak {row.peak_year}, {row.peak_mt:.1f} Mt CO2)")
    policy = Scenario.objects.get(region=region, name="jilin-policy")
    lines.append(f"pathways: scenarios at /pathways/ — the policy's editor at {policy.get_absolute_url()}")
    return lines
