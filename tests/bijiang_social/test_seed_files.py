"""The guide's content lives in data files an editor can correct without reading Python."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import Street
from bijiang_social import seeding
from bijiang_social.models import KeyFigure
from services.models import RuralVisit

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_every_app_keeps_its_part_of_the_guide_in_its_own_data_files():
    files = {path.relative_to(ROOT).as_posix() for path in seeding.seed_files()}
    assert {
        "bijiang_social/seed/guide.yaml",
        "services/seed/network.yaml",
        "recruitment/seed/round-2024.yaml",
        "careers/seed/careers.yaml",
    } <= files
    assert not list(ROOT.glob("*/seed.py")), "seed content belongs in seed/*.yaml"


def test_an_editors_correction_in_a_data_file_is_what_gets_loaded(tmp_path):
    text = (ROOT / "bijiang_social/seed/guide.yaml").read_text(encoding="utf-8")
    corrected = tmp_path / "guide.yaml"
    corrected.write_text(text.replace("value: '200'", "value: '230'"), encoding="utf-8")
    seeding.load_file(corrected, StringIO())
    assert KeyFigure.objects.get(key="full-time-staff").value == "230"


def test_a_typo_in_a_data_file_names_the_file_the_block_and_the_row(tmp_path):
    broken = tmp_path / "streets.yaml"
    broken.write_text(
        "- label: 街道\n  model: accounts.street\n  match: [slug]\n  rows:\n"
        "    - {slug: a, name: 甲街道, short_name: 甲}\n    - {slug: b, nmae: 乙街道}\n",
        encoding="utf-8",
    )
    with pytest.raises(seeding.SeedError, match=r"streets.yaml，“街道”第 2 行.*'nmae'"):
        seeding.load_file(broken, StringIO())


def test_load_guide_reports_a_broken_file_as_a_command_error(monkeypatch, tmp_path):
    broken = tmp_path / "bad.yaml"
    broken.write_text(
        "- label: 街道\n  model: accounts.street\n  match: [slug]\n  rows:\n"
        "    - {slug: a, name: 甲街道, short_name: 甲, order: many}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(seeding, "seed_files", lambda: [broken])
    with pytest.raises(CommandError, match="order"):
        call_command("load_guide", stdout=StringIO())
    assert not Street.objects.exists()


def test_sample_visits_are_dated_from_the_day_of_loading(guide):
    assert RuralVisit.objects.count() == len(
        seeding.rows(ROOT / "services/seed/network.yaml", "services.ruralvisit")
    )
    assert seeding.in_months(dt.date(2026, 12, 20), 0, 8) == dt.date(2027, 1, 8)
    assert seeding.in_months(dt.date(2026, 11, 26), 1, 12) == dt.date(2026, 12, 12)
