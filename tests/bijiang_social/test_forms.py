"""Every public form, in both modes, renders through the one template set (templates/bootstrap5/):
an error summary at the top whose links reach the fields, the required marker on every required
field (uploads included), hints tied to their fields, Chinese messages."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from bijiang_social import elder_mode
from careers.models import TrainingChannel, TrainingSession

pytestmark = pytest.mark.django_db
MARKER = '<span class="required-marker" aria-hidden="true">*</span>'


class _Page(HTMLParser):
    """The ids on the page and the form controls with their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("input", "select", "textarea") and attributes.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(attributes)


def _session() -> TrainingSession:
    return TrainingSession.objects.create(
        channel=TrainingChannel.objects.first(),
        topic="社区治理实务",
        starts_at=timezone.now() + dt.timedelta(days=10),
        place="碧江区民政局三楼会议室",
        capacity=30,
    )


def _forms_with_errors(client):
    """(name, response) for every public form, submitted with mistakes."""
    yield "apply", client.post(reverse("services:apply-form", args=["minsheng-doudi"]), {})
    yield "track", client.post(reverse("services:track"), {"reference": "x", "phone_last4": "1"})
    yield "find", client.get(reverse("services:find"), {"q": "环" * 60})
    yield "sign-up", client.post(reverse("careers:sign-up", args=[_session().pk]), {})
    yield "subsidies", client.get(reverse("careers:subsidies"), {"project_months": "13"})
    yield "promotion", client.get(reverse("careers:promotion"), {"years": "abc"})
    yield (
        "eligibility",
        client.get(reverse("recruitment:eligibility", args=[2024]), {"grassroots_years": "一年"}),
    )
    yield "score", client.get(reverse("recruitment:score", args=[2024]), {"written": "abc"})
    yield "rating", client.post(reverse("services:rate"), _rating_without_a_level())
    yield (
        "reset-password",
        client.post(_password_reset_link(), {"new_password1": "", "new_password2": ""}),
    )


def _rating_without_a_level() -> dict:
    from services.ratings.samples import make_rated_demo_case

    case = make_rated_demo_case("BJ-2026-RATEME")  # closed; its mobile ends 0000
    return {
        "occasion": "closing",
        "closing-reference": case.reference,
        "closing-phone_last4": "0000",
        "closing-comment": "没选评价",
    }


def _password_reset_link() -> str:
    """A social worker's one-time link to set a new password."""
    from accounts.models import Street
    from careers.accounts import offer_password_reset
    from careers.models import SocialWorker
    from tests.careers.conftest import give_account

    worker = SocialWorker.objects.create(street=Street.objects.first(), name="李娜")
    give_account(worker, "li-na")
    return reverse("careers:reset-password", args=[offer_password_reset(worker, None)])


@pytest.fixture(params=[False, True], ids=["standard", "elder"])
def mode_client(request, client):
    if request.param:
        client.cookies[elder_mode.COOKIE_NAME] = elder_mode.COOKIE_VALUE
    return client


def test_every_form_with_mistakes_opens_with_a_summary_whose_links_reach_the_fields(
    mode_client, guide
):
    for name, response in _forms_with_errors(mode_client):
        html = response.content.decode()
        page = _Page(html)
        assert 'id="error-summary"' in html, (name, response.status_code)
        summary = html.index('id="error-summary"')
        assert 'role="alert"' in html[summary - 80 : summary + 80], name
        assert html.index("<main") < summary < html.index('class="form-group'), name  # on top
        targets = re.findall(r'<a href="#([^"]+)">', html[summary : html.index("</ul>", summary)])
        assert targets, name
        for target in targets:
            assert target in page.ids, (name, target)
        assert "This field" not in html and "Enter a" not in html, name


def test_every_required_field_carries_the_marker_and_every_hint_is_tied_to_its_field(
    mode_client, guide
):
    for name, response in _forms_with_errors(mode_client):
        html = response.content.decode()
        page = _Page(html)
        for control in page.controls:
            if control.get("name") in ("q",) and "site-search" in control.get("id", ""):
                continue  # the header's search box
            required = "required" in control or control.get("aria-required") == "true"
            label = re.search(rf'for="{control["id"]}">([^<]*)(<span[^>]*>\*</span>)?', html)
            if required and label:  # a radio's marker is on its group's legend
                assert label.group(2), (name, control["id"], "no required marker")
            for described in control.get("aria-describedby", "").split():
                assert described in page.ids, (name, control["id"], described)
            if f'id="{control["id"]}_helptext"' in html:
                assert f"{control['id']}_helptext" in control.get("aria-describedby", ""), name
            if control.get("aria-invalid") == "true" and control.get("type") != "radio":
                assert f"{control['id']}_error" in control.get("aria-describedby", ""), name
        # A radio group is described on its fieldset, hint and error together.
        for group in re.findall(r'<fieldset id="div_id_\w+"[^>]*aria-describedby="([^"]*)"', html):
            assert all(part in page.ids for part in group.split()), (name, group)


def test_the_upload_fields_of_the_application_are_marked_required(client, guide):
    html = client.get(reverse("services:apply-form", args=["minsheng-doudi"])).content.decode()
    uploads = re.findall(r'for="(id_document_[^"]+)">上传[^<]*(<span[^>]*>\*</span>)?', html)
    assert uploads
    assert all(marker == MARKER for _, marker in uploads)


def test_a_radio_groups_legend_carries_the_marker_and_its_error(client, guide):
    html = client.get(
        reverse("recruitment:eligibility", args=[2024]), {"grassroots_years": "1"}
    ).content.decode()
    assert f'<legend class="form-label fw-bold">户籍是否在碧江区{MARKER}</legend>' in html
    assert 'aria-describedby="id_local_error"' in html
    assert 'href="#id_local_0">户籍是否在碧江区：请选择户籍是否在碧江区。</a>' in html


def test_the_search_page_renders_its_box_through_the_same_templates(client, guide):
    html = client.get(reverse("search"), {"q": "补贴"}).content.decode()
    assert 'for="id_q">要找什么？</label>' in html
    assert 'aria-describedby="id_q_helptext"' in html
    assert 'value="补贴"' in html
