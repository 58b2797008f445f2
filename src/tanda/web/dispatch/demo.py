"""The dispatch demo: a department user of 省能源局 (吉林省), a few labelled progress reports for
2024Q4, deadlines on two tasks, and one dispatch report of 220000 for 2024Q4.

The account is made by the plans demo's own helper (`ensure_demo_accounts`), so its password is kept
in TANDA_HOME/demo_accounts.json like the others. Loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from tanda.reports import parse_period
from tanda.web.core.models import Department, Profile, Region
from tanda.web.dispatch.models import DispatchReport, ProgressReport, TaskSchedule
from tanda.web.dispatch.notify import scan
from tanda.web.dispatch.snapshot import issue_report
from tanda.web.plans import demo as plans_demo
from tanda.web.plans.models import Plan, TaskDepartment

REGION = "220000"
DEPARTMENT = "省能源局"
USERNAME = "jilin-energy"
PERIOD = "2024Q4"
PLAN_SEED = "001_62a1f5ed089911f9.txt"  # 吉林省碳达峰实施方案, where 省能源局 leads several tasks
DEMO_LABEL = "【演示数据】"
# (status, percent, narrative) for the first tasks 省能源局 leads, in the plan's order
DEMO_REPORTS = [
    ("on_track", 75, "全年新增风电、光伏并网装机按计划推进，“陆上风光三峡”项目第四季度集中并网。"),
    ("behind", 40, "煤炭消费总量控制方案已起草，重点用煤企业清单尚在核对，进度滞后于计划。"),
    ("completed", 100, "油气消费引导措施已印发实施，成品油质量升级工作完成。"),
]
# task index among 省能源局's lead tasks → deadline (the second one is overdue at the end of 2024Q4)
DEMO_DEADLINES = {0: date(2025, 12, 31), 1: date(2024, 11, 30)}
ISSUED = date(2025, 1, 10)  # the demo report is dated as if issued after the quarter


def _department_account() -> plans_demo.DemoAccount:
    """Reuse the plans demo's helper for one more account (it reads its module's account list)."""
    saved = plans_demo.DEMO_ACCOUNTS
    plans_demo.DEMO_ACCOUNTS = [(USERNAME, Profile.Role.DEPARTMENT, REGION)]
    try:
        (account,) = plans_demo.ensure_demo_accounts()
    finally:
        plans_demo.DEMO_ACCOUNTS = saved
    return account


@transaction.atomic
def load_demo() -> list[str]:
    region = Region.objects.get(code=REGION)
    plan = Plan.objects.filter(region=region, source_name=PLAN_SEED).first()
    department = Department.objects.filter(region=region, name=DEPARTMENT).first()
    if plan is None or department is None:
        return [f"dispatch demo skipped: the plan {PLAN_SEED} or {DEPARTMENT} of {REGION} is missing"]
    account = _department_account()
    Profile.objects.filter(user__username=USERNAME).update(department=department, region=region)
    lead_tasks = [
        a.task
        for a in TaskDepartment.objects.filter(task__plan=plan, department=department, role=TaskDepartment.Role.LEAD)
        .select_related("task")
        .order_by("task__order")
    ]
    user = get_user_model().objects.get(username=USERNAME)
    made = 0
    for task, (status, percent, narrative) in zip(lead_tasks, DEMO_REPORTS, strict=False):
        _, created = ProgressReport.objects.get_or_create(
            task=task,
            department=department,
            period=PERIOD,
            defaults={"status": status, "percent": percent, "narrative": DEMO_LABEL + narrative, "created_by": user},
        )
        made += created
    for index, deadline in DEMO_DEADLINES.items():
        if index < len(lead_tasks):
            TaskSchedule.objects.get_or_create(task=lead_tasks[index], defaults={"deadline": deadline})
    period = parse_period(PERIOD)
    report = DispatchReport.objects.filter(region=region, period=period.code).order_by("serial").first()
    if report is None:
        report = issue_report(region, period, plan_ids=[plan.pk], today=ISSUED)
    notes = scan(region, period, today=ISSUED, plan_ids=[plan.pk])  # demo accounts have no e-mail address
    return [
        f"dispatch demo: {made} new progress reports for {PERIOD} ({DEPARTMENT}, labelled {DEMO_LABEL})",
        f"  department {account.username:16} password {account.password}  region {REGION} ({DEPARTMENT})",
        f"  {notes.created} new notifications for {notes.recipients} users",
        f"  dispatch report [{report.pk}] {report.title} {report.snapshot['serial']}: /dispatch/reports/{report.pk}/",
    ]
