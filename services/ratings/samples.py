"""示例数据: sample cases, follow-ups, ratings and rectifications across the last 12 months and
every street, so a fresh `make run` shows meaningful charts on /data/ and the dashboard.

Every case made here has `is_sample=True` and a name starting 示例; the statistics count
samples only while no real case exists (services.ratings.statistics.counted_cases). The cases
go through the real rules (submit, each step, follow-ups, ratings), with past moments."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import Street
from accounts.steps import SYSTEM
from bijiang_social.workdays import add_working_days
from services.applications.models import FollowUp, ServiceApplication, ServiceCategory
from services.applications.rules import apply_transition, record_followup, submit_application
from services.ratings.models import Rectification
from services.ratings.rules import answer_rectification, close_rectification, rate

SAMPLE_ID = "522201199001011230"  # a valid checksum, not a real person
WORKERS = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴军"]
LEVELS = [5] * 40 + [4] * 35 + [3] * 13 + [2] * 8 + [1] * 4
COMMENTS = {
    5: "社工很耐心，每次都按时来。",
    4: "服务不错。",
    3: "",
    2: "联系得太慢，等了好几天。",
    1: "说好的回访没有来。",
}
ANSWER = "已与居民当面沟通，调整了探访时间，并由站长督导后续服务。"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return _at(day, rng.randint(9, 16))


def _one_case(rng, number, category, street, submitted, now) -> ServiceApplication | None:
    case = submit_application(
        category=category,
        details={
            "applicant_name": f"示例居民{number:03d}",
            "id_number": SAMPLE_ID,
            "mobile": f"1380000{number:04d}",
            "street": street,
            "help_needed": "示例数据：家中老人独居，需要定期探访。",
            "declaration": False,
        },
        uploads=[],
        now=submitted,
    )
    ServiceApplication.objects.filter(pk=case.pk).update(is_sample=True)
    day = timezone.localdate(submitted)
    steps = [
        ("first_pass", add_working_days(day, rng.choice([1, 2, 2, 3, 3, 4]))),
        ("final_pass", add_working_days(day, rng.choice([4, 5, 6, 7, 7, 9]))),
    ]
    if rng.random() < 0.1:
        steps = [("first_reject", add_working_days(day, rng.choice([1, 2, 3])))]
    for action, when in steps:
        moment = _moment(when, rng)
        if moment > now:
            return case
        apply_transition(
            case,
            action,
            SYSTEM,
            now=moment,
            reason="示例：不符合条件",
            alternatives="可咨询社区居委会",
        )
    if case.is_finished:
        return case
    approved = case.events.last().at
    worker = WORKERS[(street.order * 2 + number) % len(WORKERS)]
    later = [
        ("assign", approved + dt.timedelta(hours=1)),
        ("contact", approved + dt.timedelta(hours=rng.choice([3, 6, 20, 22, 30]))),
        ("start_service", approved + dt.timedelta(days=2)),
    ]
    for action, moment in later:
        if moment > now:
            return case
        apply_transition(case, action, SYSTEM, now=moment, social_worker=worker)
    _follow_up(rng, case, now)
    return case


def _follow_up(rng, case, now) -> None:
    today = timezone.localdate(now)
    service_days = rng.choice([35, 70, 100, 200, 400])
    end = timezone.localdate(case.service_started_at) + dt.timedelta(days=service_days)
    while True:
        pending = case.followups.filter(done_on__isnull=True).order_by("due_on").first()
        if pending is None or pending.due_on >= min(today, end):
            break
        if rng.random() < 0.05 and pending.due_on > today - dt.timedelta(days=20):
            break  # left late: the work list shows it
        done_on = pending.due_on + dt.timedelta(days=rng.choice([-2, -1, 0, 0, 0, 3]))
        record_followup(
            pending, None, done_on=min(done_on, today), outcome="示例：情况稳定", next_step=""
        )
        if pending.kind == FollowUp.Kind.EVALUATION and rng.random() < 0.5:
            _rate(rng, case, f"evaluation-{pending.pk}", _at(min(done_on, today), 18), now)
    if end < today:
        closed = _at(end, 15)
        apply_transition(case, "close", SYSTEM, now=closed)
        if rng.random() < 0.8:
            _rate(rng, case, "closing", closed + dt.timedelta(days=rng.randint(0, 5)), now)


def _rate(rng, case, occasion, moment, now) -> None:
    if moment > now:
        return
    level = rng.choice(LEVELS)
    aspect = rng.choice(["", "speed", "attitude", "effect"])
    rating = rate(case, occasion, level=level, aspect=aspect, comment=COMMENTS[level], now=moment)
    task = Rectification.objects.filter(rating=rating).first()
    if task is None:
        return
    answered = _at(add_working_days(timezone.localdate(moment), rng.choice([3, 8, 12, 17])), 10)
    if answered <= now:
        answer_rectification(task, None, ANSWER, now=answered)
        closed = answered + dt.timedelta(days=1)
        if closed <= now:
            close_rectification(task, None, now=closed)


def load(stdout, now: dt.datetime | None = None, months: int = 12) -> int:
    """Make the sample cases unless there are some already; returns how many were made."""
    if ServiceApplication.objects.filter(is_sample=True).exists():
        stdout.write("示例数据已存在，未重复生成。")
        return 0
    now = now or timezone.now()
    rng = random.Random(2026)
    streets = list(Street.objects.order_by("order", "id"))
    categories = list(ServiceCategory.objects.all())
    if not streets or not categories:
        stdout.write("请先运行 load_guide 载入街道和服务类别。")
        return 0
    today = timezone.localdate(now)
    start = today - dt.timedelta(days=30 * months)
    number = 0
    with transaction.atomic():
        for day_offset in range(0, 30 * months, 2):
            day = start + dt.timedelta(days=day_offset)
            if day.weekday() >= 5:
                continue
            for _ in range(rng.choice([0, 1, 1, 2])):
                number += 1
                submitted = _moment(day, rng)
                if submitted > now:
                    continue
                street, category = rng.choice(streets), rng.choice(categories)
                _one_case(rng, number, category, street, submitted, now)
    made = ServiceApplication.objects.filter(is_sample=True).count()
    stdout.write(f"已生成 {made} 个示例个案（示例数据）及其回访、评价和整改。")
    return made


def make_rated_demo_case(reference: str) -> ServiceApplication:
    """A closed sample case (mobile ending 0000) whose first evaluation was rated 不满意, answered
    and closed, and whose closing is not rated yet; made once per reference. For the
    accessibility crawl and demos of the tracking page."""
    existing = ServiceApplication.objects.filter(reference=reference).first()
    if existing is not None:
        return existing
    street = Street.objects.order_by("order", "id").first()
    category = ServiceCategory.objects.order_by("order", "id").first()
    now = timezone.now()
    case = submit_application(
        category=category,
        details={
            "applicant_name": "示例居民",
            "id_number": SAMPLE_ID,
            "mobile": "13800000000",
            "street": street,
            "help_needed": "示例数据：需要定期探访。",
            "declaration": False,
        },
        uploads=[],
        now=now - dt.timedelta(days=120),
    )
    ServiceApplication.objects.filter(pk=case.pk).update(reference=reference, is_sample=True)
    case.refresh_from_db()
    start = now - dt.timedelta(days=118)
    for action in ["first_pass", "final_pass", "assign", "contact", "start_service"]:
        apply_transition(case, action, SYSTEM, now=start, social_worker="王芳")
    evaluation = case.followups.get(kind=FollowUp.Kind.EVALUATION)
    record_followup(evaluation, None, done_on=evaluation.due_on, outcome="示例", next_step="")
    rating = rate(
        case,
        f"evaluation-{evaluation.pk}",
        level=2,
        aspect="speed",
        comment="回访时间总是临时变动。",
        now=now - dt.timedelta(days=20),
    )
    answer_rectification(rating.rectification, None, ANSWER, now=now - dt.timedelta(days=10))
    close_rectification(rating.rectification, None, now=now - dt.timedelta(days=9))
    apply_transition(case, "close", SYSTEM, now=now - dt.timedelta(days=1))
    return case
