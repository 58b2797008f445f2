"""Each target's quote links to the source text with that passage highlighted; the text is escaped."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from web_samples import ENERGY_QUOTE, SAMPLE_TEXT

pytestmark = pytest.mark.django_db


def current_passage(page: str) -> str:
    return "".join(re.findall(r'<mark class="quote current" data-keys="[^"]*">(.*?)</mark>', page, flags=re.S))


def test_quote_link_opens_the_source_with_the_passage_highlighted(client, make_plan):
    plan = make_plan("220000")
    target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    link = f"{reverse('plans:source', args=[plan.pk])}?target={target.pk}#t-{target.pk}"
    assert f'href="{link}"' in client.get(plan.get_absolute_url()).content.decode()
    page = client.get(link.split("#")[0]).content.decode()
    assert f'<span class="anchor" id="t-{target.pk}"></span>' in page
    assert current_passage(page) == ENERGY_QUOTE
    # the other target is marked, but not as the current one
    assert "非化石能源消费比重达到20%左右</mark>" in page
    assert "非化石能源消费比重" not in current_passage(page)


def test_source_text_is_escaped(client, make_plan):
    text = SAMPLE_TEXT.replace("严格合理控制煤炭消费增长。", "严格合理控制<script>alert('x')</script>煤炭消费增长。")
    plan = make_plan("220000", text=text)
    page = client.get(reverse("plans:source", args=[plan.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_task_passage_is_highlighted_on_request(client, make_plan):
    plan = make_plan("220000")
    task = plan.tasks.get()
    page = client.get(reverse("plans:source", args=[plan.pk]), {"task": task.pk}).content.decode()
    assert current_passage(page).startswith("（一）推进煤炭消费替代和转型升级")


def test_source_of_a_target_whose_offsets_went_stale_is_found_by_its_quote(client, make_plan):
    plan = make_plan("220000")
    target = plan.targets.get(indicator="单位地区生产总值能源消耗")
    target.start, target.end = 0, 5  # offsets that no longer hold the quote
    target.save()
    page = client.get(reverse("plans:source", args=[plan.pk]), {"target": target.pk}).content.decode()
    assert current_passage(page) == ENERGY_QUOTE
