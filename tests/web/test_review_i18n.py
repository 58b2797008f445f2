"""The review and assessment pages in English, and the domain's sentences in their catalogues."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.urls import reverse
from test_review_pages import CHILD, PARENT, store

import tanda.web
from tanda.assessment.scheme import RULE_LABELS
from tanda.assessment.scoring import MISSING_LABELS
from tanda.plan.review import CHILD_ONLY_REASONS, WARNINGS
from tanda.plan.review_compare import NOTES, REASONS, SIDES, VERDICT_LABELS
from tanda.web.assessment.domain_strings import DOMAIN_STRINGS as ASSESSMENT_STRINGS
from tanda.web.review.domain_strings import DOMAIN_STRINGS as REVIEW_STRINGS

pytestmark = pytest.mark.django_db
WEB = Path(tanda.web.__file__).parent


def catalogue(app: str) -> gettext.GNUTranslations:
    with (WEB / app / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as f:
        return gettext.GNUTranslations(f)


def test_domain_strings_are_listed_for_makemessages_and_translated():
    review = [*VERDICT_LABELS.values(), *REASONS.values(), *NOTES.values(), *SIDES.values(), *WARNINGS.values()]
    review += list(CHILD_ONLY_REASONS.values())
    assert sorted(REVIEW_STRINGS) == sorted(review)
    assert sorted(ASSESSMENT_STRINGS) == sorted([*RULE_LABELS.values(), *MISSING_LABELS.values()])
    for app, strings in (("review", REVIEW_STRINGS), ("assessment", ASSESSMENT_STRINGS)):
        english = catalogue(app)
        untranslated = [s for s in strings if english.gettext(s) == s]
        assert not untranslated, (app, untranslated)


def test_review_page_in_english(client, regions):
    parent = store(PARENT, "220000")
    child = store(CHILD, "220581", parent=parent)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("review:review", args=[child.pk, parent.pk])).content.decode()
    for english in (
        "Download the opinion (Word)",
        "consistent",
        "weaker",
        "Key actions",
        "The child plan does not set",
    ):
        assert english in page, english
    assert "The child target (下降16%（比2020年）) is less ambitious" in page  # numbers stay as the plans write them
    for chinese in ("弱于上级", "重点行动衔接", "下级方案未设置该指标"):
        assert chinese not in page, chinese


@pytest.mark.parametrize("app", ["review", "assessment"])
def test_app_catalogue_is_complete_and_compiled(app):
    from test_i18n import po_entries

    po = (WEB / app / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
    entries = po_entries(po)
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    compiled = catalogue(app)._catalog
    stale = {m for m, s in entries.items() if compiled.get(m, compiled.get((m, 0))) != s}
    assert stale == set(), "django.mo is older than django.po: run msgfmt"
