"""Careers fixtures: the seeded policy, social workers of two stations, a training session."""

import datetime as dt

import pytest
from django.utils import timezone

from careers.models import (
    Certificate,
    CertificateLevel,
    SocialWorker,
    SubsidyPolicy,
    TrainingChannel,
    TrainingSession,
)


@pytest.fixture
def levels(guide) -> dict[str, CertificateLevel]:
    return {level.code: level for level in CertificateLevel.objects.all()}


@pytest.fixture
def policy(guide) -> SubsidyPolicy:
    return SubsidyPolicy.objects.in_force_on(dt.date(2026, 1, 1))


def make_worker(street, name, *certificates, title=None, **extra) -> SocialWorker:
    worker = SocialWorker.objects.create(street=street, name=name, title_level=title, **extra)
    for level, obtained_on in certificates:
        Certificate.objects.create(worker=worker, level=level, obtained_on=obtained_on)
    return worker


@pytest.fixture
def session(guide) -> TrainingSession:
    return TrainingSession.objects.create(
        channel=TrainingChannel.objects.get(name="民政部门线下培训"),
        topic="个案工作实务",
        starts_at=timezone.now() + dt.timedelta(days=20),
        place="碧江区民政局三楼会议室",
        capacity=2,
    )
