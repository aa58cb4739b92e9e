"""Fuzzing the staff's score import in admin: whatever file is uploaded as the score sheet, the
import page answers with a preview or a message, never a server error, and stores nothing
before the staff confirm."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from recruitment.importing import COLUMNS
from recruitment.models import Candidate, RecruitmentRound
from tests.fuzz.strategies import fuzz_lightly, nasty_text

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def _workbook(header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in [header, *rows]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


cell = st.one_of(
    nasty_text.map(lambda text: text[:200]),
    st.sampled_from(["张三", "522201199001011230", "是", "否", "75.5", "100"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
)
header = st.one_of(
    st.just(list(COLUMNS)),
    st.permutations(list(COLUMNS)),
    st.lists(st.sampled_from([*COLUMNS, "", "备注"]), max_size=8),
)
sheet_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.tuples(st.sampled_from(PARTS), st.binary(max_size=100)), max_size=4).map(_zip),
    st.builds(_workbook, header, st.lists(st.lists(cell, max_size=8), max_size=5)),
)


def test_the_score_import_never_fails_on_any_uploaded_file(client, guide, superuser):
    client.force_login(superuser)
    url = reverse("admin:recruitment_candidate_import")
    round_pk = RecruitmentRound.objects.get(year=2024).pk

    @fuzz_lightly
    @given(content=sheet_bytes, name=st.sampled_from(["成绩.xlsx", "成绩.XLSX", "成绩.csv"]))
    def upload(content, name):
        before = Candidate.objects.count()
        sheet = SimpleUploadedFile(name, content, XLSX)
        response = client.post(url, {"round": round_pk, "file": sheet})
        assert response.status_code == 200
        assert Candidate.objects.count() == before

    upload()
