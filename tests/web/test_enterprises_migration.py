"""Upgrading a database whose submissions have ids: every row and its history keep their values and get keys."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tanda.enterprises import make_credit_code
from tanda.enterprises.submissions import key_of

BEFORE = [("enterprises", "0001_initial")]
AFTER = [("enterprises", "0002_submission_key")]


@pytest.mark.django_db(transaction=True)
def test_submissions_stored_before_the_key_keep_their_values(regions):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    try:
        Enterprise = old.get_model("enterprises", "Enterprise")
        Submission = old.get_model("enterprises", "Submission")
        History = old.get_model("enterprises", "HistoricalSubmission")
        unit = Enterprise.objects.create(
            credit_code=make_credit_code("220100", 90_000_001),
            name="示例企业（合成数据）",
            industry="3011",
            region_id="220100",
        )
        rows = [
            Submission.objects.create(
                enterprise=unit,
                year=2024,
                month=m,
                fuel=f,
                direction=d,
                quantity=q,
                unit="t",
                canonical=q,
                source="form",
            )
            for m, f, d, q in [(1, "raw_coal", "in", 10.0), (1, "electricity", "out", 2.5), (12, "heat", "in", 7.0)]
        ]
        History.objects.create(
            id=rows[0].pk,
            enterprise_id=unit.pk,
            year=2024,
            month=1,
            fuel="raw_coal",
            direction="in",
            quantity=9.0,
            unit="t",
            canonical=9.0,
            source="form",
            history_type="~",
            history_date="2024-02-01T00:00:00Z",
        )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        Submission = new.get_model("enterprises", "Submission")
        History = new.get_model("enterprises", "HistoricalSubmission")
        stored = {(s.month, s.fuel, s.direction): (s.key, s.quantity) for s in Submission.objects.all()}
        assert stored == {
            (1, "raw_coal", "in"): (key_of(unit.pk, 2024, 1, "raw_coal", "in"), 10.0),
            (1, "electricity", "out"): (key_of(unit.pk, 2024, 1, "electricity", "out"), 2.5),
            (12, "heat", "in"): (key_of(unit.pk, 2024, 12, "heat", "in"), 7.0),
        }
        assert [(h.key, h.quantity) for h in History.objects.all()] == [
            (key_of(unit.pk, 2024, 1, "raw_coal", "in"), 9.0)
        ]
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
