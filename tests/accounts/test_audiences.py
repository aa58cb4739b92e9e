"""`audience_of`: the one test of who a person is."""

from django.contrib.auth.models import AnonymousUser

from accounts.audiences import CANDIDATE, STAFF, WORKER, audience_of


def test_each_named_person_has_her_audience(
    clerk_huanbei,
    read_only_viewer,
    superuser,
    candidate_wang,
    candidate_zhou,
    worker_li,
    worker_liu,
):
    assert audience_of(clerk_huanbei) == audience_of(read_only_viewer) == STAFF
    assert audience_of(superuser) == STAFF
    assert audience_of(candidate_wang.user) == audience_of(candidate_zhou.user) == CANDIDATE
    assert audience_of(worker_li.user) == audience_of(worker_liu.user) == WORKER


def test_an_outsider_and_an_anonymous_visitor_have_none(outsider):
    assert audience_of(outsider) is None
    assert audience_of(AnonymousUser()) is None


def test_staff_stays_staff_whatever_else_points_at_it(clerk_huanbei, huanbei):
    from careers.models import SocialWorker

    SocialWorker.objects.create(street=huanbei, name="赵敏", user=clerk_huanbei)
    assert audience_of(clerk_huanbei) == STAFF
