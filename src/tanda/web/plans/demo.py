"""The demo: the five seed plans with their regions, published, and one account per role."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction

from tanda import config
from tanda.plan import parse_text, read_bytes
from tanda.web.core.models import Profile, Region
from tanda.web.plans.models import Plan
from tanda.web.plans.store import source_digest, store_plan

# seed file → (region code, seed file of the parent plan)
SEED_PLANS: dict[str, tuple[str, str | None]] = {
    "000_316f7d0b2cc8e7da.txt": ("220000", None),
    "001_62a1f5ed089911f9.txt": ("220000", None),
    "002_e750bdb65a75d401.txt": ("220000", None),
    "003_b13d9c5abc88dd4a.txt": ("211300", None),
    "004_7123e170962ef154.txt": ("220581", "001_62a1f5ed089911f9.txt"),
}

DEMO_ACCOUNTS = [
    ("admin", Profile.Role.ADMIN, None),
    ("jilin-office", Profile.Role.OFFICE, "220000"),
    ("meihekou-office", Profile.Role.OFFICE, "220581"),
    ("viewer", Profile.Role.VIEWER, None),
]


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    region: str | None


def seed_bytes(name: str) -> bytes:
    return resources.files("tanda.data.seeds").joinpath(name).read_bytes()


@transaction.atomic
def load_demo() -> tuple[list[Plan], list[DemoAccount]]:
    """Load what is missing; a second run changes nothing."""
    plans: dict[str, Plan] = {}
    for name, (code, parent_name) in SEED_PLANS.items():
        data = seed_bytes(name)
        region = Region.objects.get(code=code)
        plan = Plan.objects.filter(region=region, source_sha256=source_digest(data)).first()
        if plan is None:
            text = read_bytes(data, name)
            plan = store_plan(
                parse_text(text),
                region=region,
                source_name=name,
                source_file=data,
                source_text=text,
                parent=plans.get(parent_name) if parent_name else None,
                published=True,
            )
        plans[name] = plan
    return list(plans.values()), ensure_demo_accounts()


def ensure_demo_accounts() -> list[DemoAccount]:
    """One account per role; passwords are made once and kept in TANDA_HOME/demo_accounts.json."""
    store = config.home() / "demo_accounts.json"
    saved = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    User = get_user_model()
    accounts = []
    for username, role, region in DEMO_ACCOUNTS:
        password = saved.get(username) or secrets.token_urlsafe(9)
        user, created = User.objects.get_or_create(username=username)
        if created or username not in saved:
            user.set_password(password)
            user.is_staff = user.is_superuser = role == Profile.Role.ADMIN
            user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": role, "region_id": region})
        saved[username] = password
        accounts.append(DemoAccount(username, password, role, region))
    store.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    store.chmod(0o600)
    return accounts
