"""A small dispatch world for the dispatch tests: two regions' plans, departments and users of each role.

Region 220000 has a plan (SAMPLE_TEXT) whose task 推进煤炭消费替代和转型升级 is led by 市发展改革委 with
市能源局 cooperating, plus a task 大力发展新能源 led by 市能源局 and a task 完善统计核算 of 市统计局
alone. Region 220581 has the same sample plan, so the same department names exist there too.
"""

from __future__ import annotations

from dataclasses import dataclass

from tanda.web.core.models import Department, Profile
from tanda.web.plans.models import Plan, Task
from tanda.web.plans.store import assign_departments


@dataclass
class World:
    plan: Plan
    coal: Task  # lead 市发展改革委, cooperating 市能源局, 市工业和信息化局
    renewables: Task  # lead 市能源局
    statistics: Task  # 市统计局 only
    other_region_task: Task  # 220581's coal task
    energy: Department
    development: Department
    energy_user: object
    development_user: object
    office: object
    other_office: object
    viewer: object


def add_task(plan: Plan, title: str, departments: list[str]) -> Task:
    task = Task.objects.create(plan=plan, order=plan.tasks.count(), title=title, text=f"{title}。")
    assign_departments(task, departments)
    return task


def department_user(make_user, username: str, department: Department):
    user = make_user(username, Profile.Role.DEPARTMENT, department.region_id)
    Profile.objects.filter(user=user).update(department=department)
    user.refresh_from_db()
    user.email = f"{username}@example.org"
    user.save()
    return user


def make_world(make_plan, make_user) -> World:
    plan = make_plan("220000", title="某市碳达峰实施方案（调度测试）")
    other = make_plan("220581")
    coal = plan.tasks.get()
    renewables = add_task(plan, "大力发展新能源", ["市能源局", "市自然资源局"])
    statistics = add_task(plan, "完善统计核算", ["市统计局"])
    energy = Department.objects.get(region_id="220000", name="市能源局")
    development = Department.objects.get(region_id="220000", name="市发展改革委")
    office = make_user("office-220000", Profile.Role.OFFICE, "220000")
    office.email = "office@example.org"
    office.save()
    return World(
        plan=plan,
        coal=coal,
        renewables=renewables,
        statistics=statistics,
        other_region_task=other.tasks.get(),
        energy=energy,
        development=development,
        energy_user=department_user(make_user, "energy", energy),
        development_user=department_user(make_user, "development", development),
        office=office,
        other_office=make_user("office-220581", Profile.Role.OFFICE, "220581"),
        viewer=make_user("viewer-1"),
    )


def report_post(period: str = "2024Q4", **changes) -> dict:
    data = {"period": period, "status": "on_track", "percent": "60", "narrative": "已完成年度目标的六成。"}
    return {**data, **changes}
