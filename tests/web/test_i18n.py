"""The language switch turns the pages into English, and every string has an English translation."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.urls import reverse

import tanda.web

pytestmark = pytest.mark.django_db
CATALOGUE = Path(tanda.web.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def test_chinese_is_the_default_and_english_switch_changes_the_page(client, make_plan, jilin_office):
    plan = make_plan("220000")
    client.force_login(jilin_office)
    page = client.get(plan.get_absolute_url(), headers={"accept-language": "zh-CN"}).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "重点任务" in page and "修改记录" in page
    response = client.post(reverse("set_language"), {"language": "en", "next": plan.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert '<html lang="en">' in page
    for english in ("Key tasks", "Change log", "Targets", "Lead", "Cooperating", "Sign out", "<td>reduce by</td>"):
        assert english in page, english
    for chinese in ("修改记录", "牵头单位", "退出", "<td>下降</td>"):
        assert chinese not in page, chinese
    assert plan.title in page  # the plan's own text stays as written
    history = client.get(reverse("plans:history", args=[plan.pk])).content.decode()
    assert "Changes (old → new)" in history and "Imported file" in history


def test_switch_form_is_on_every_page(client, make_plan):
    plan = make_plan("220000")
    for url in (reverse("plans:list"), plan.get_absolute_url(), reverse("login")):
        page = client.get(url).content.decode()
        assert f'action="{reverse("set_language")}"' in page, url
        assert 'name="language" value="en"' in page, url


def po_entries(po: str) -> dict[str, str]:
    """msgid (with "context\x04" when it has one) → msgstr (the singular, for plural entries)."""
    entries = {}
    for block in po.split("\n\n")[1:]:
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if not line.startswith('"'):
                key, line = line.split(" ", 1)
            fields[key] = fields.get(key, "") + ast.literal_eval(line)
        msgid = fields["msgid"]
        if "msgctxt" in fields:
            msgid = f"{fields['msgctxt']}\x04{msgid}"
        entries[msgid] = fields.get("msgstr", fields.get("msgstr[0]", ""))
    return entries


def test_catalogue_is_complete_and_compiled():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    entries = po_entries(po)
    assert len(entries) > 100
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    stale = {msgid for msgid, msgstr in entries.items() if compiled.get(msgid, compiled.get((msgid, 0))) != msgstr}
    assert stale == set(), "django.mo is older than django.po: run msgfmt (or compilemessages)"


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "实施方案" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Plans" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
