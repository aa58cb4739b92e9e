"""Personal fields are SM4-GCM ciphertext in the database, found through blind indexes, and
still read after `manage.py rotate_keys`."""

import base64
import os
import subprocess
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from bijiang_social.crypto import key_id
from careers.models import SignUp, SocialWorker
from recruitment.models import CandidateAccount, candidate_username
from services.applications.models import ServiceApplication
from tests.careers.conftest import session  # noqa: F401, F811 (a fixture)
from tests.recruitment.factories import resident_id

from .conftest import MOBILE, VALID_ID, make_case

BANK_ACCOUNT = "6222020200112233445"
WORKER_ID = "11010519491231002X"
NEW_KEY = b"N" * 16
CANDIDATE_ID, CANDIDATE_MOBILE = resident_id(11, "19970315"), "13800000011"


def _worker(street) -> SocialWorker:
    return SocialWorker.objects.create(
        name="王社工",
        street=street,
        phone="13700001111",
        id_number=WORKER_ID,
        bank_account=BANK_ACCOUNT,
    )


def _raw(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (fixed names)
        return cursor.fetchone()[0]


def test_the_columns_hold_sm4_ciphertext_and_the_model_the_clear_value(huanbei_case, huanbei):
    raw = _raw("services_serviceapplication", "id_number")
    assert raw.startswith("v1:") and VALID_ID not in raw
    assert MOBILE not in _raw("services_serviceapplication", "mobile")
    _worker(huanbei)
    assert BANK_ACCOUNT not in _raw("careers_socialworker", "bank_account")
    case = ServiceApplication.objects.get(pk=huanbei_case.pk)
    assert (case.id_number, case.mobile) == (VALID_ID, MOBILE)


def test_a_query_on_a_clear_value_is_refused_rather_than_silently_finding_nothing(db):
    with pytest.raises(FieldError, match="mobile is encrypted at rest"):
        list(ServiceApplication.objects.filter(mobile__endswith="5678"))
    with pytest.raises(FieldError, match="BlindIndexField"):
        list(ServiceApplication.objects.filter(mobile=MOBILE))


def test_staff_search_by_the_last_four_digits_goes_through_the_blind_index(
    huanbei_case, tongxing_case
):
    assert list(ServiceApplication.objects.phone_ending("5678")) == [huanbei_case]
    assert list(ServiceApplication.objects.phone_ending("1111")) == [tongxing_case]
    assert not ServiceApplication.objects.phone_ending("0000").exists()


def test_a_sign_up_is_once_per_session_and_phone_through_the_index(session):  # noqa: F811
    SignUp.objects.create(session=session, name="甲", organisation="机构", phone=MOBILE)
    with pytest.raises(Exception, match="UNIQUE|unique"):
        SignUp.objects.create(session=session, name="乙", organisation="机构", phone=MOBILE)


def test_after_rotate_keys_everything_reads_under_the_new_key_alone(
    settings, huanbei_case, huanbei
):
    _worker(huanbei)
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, old]
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    assert "services.ServiceApplication: 1 行" in out.getvalue()
    assert "careers.SocialWorker: 1 行" in out.getvalue()
    assert _raw("services_serviceapplication", "id_number").startswith(f"v1:{key_id(NEW_KEY)}:")
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key dropped
    case = ServiceApplication.objects.get(pk=huanbei_case.pk)
    assert (case.id_number, case.mobile) == (VALID_ID, MOBILE)
    assert SocialWorker.objects.get().bank_account == BANK_ACCOUNT
    assert list(ServiceApplication.objects.phone_ending("5678")) == [case]
    call_command("rotate_keys", stdout=StringIO())  # idempotent
    assert ServiceApplication.objects.get(pk=case.pk).id_number == VALID_ID


def _database_bytes(tmp_path) -> bytes:
    """What someone who took the database would hold: a copy of the SQLite file, or on
    PostgreSQL a pg_dump of the test database."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        return copy.read_bytes()
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    command = ["pg_dump", "--no-owner", "-d", db["NAME"], "-U", db["USER"] or "postgres"]
    if db["HOST"]:
        command += ["-h", db["HOST"], "-p", str(db["PORT"] or 5432)]
    return subprocess.run(command, env=env, capture_output=True, check=True).stdout


@pytest.mark.django_db(transaction=True)
def test_the_database_file_or_dump_holds_no_named_persons_id_number_phone_or_bank_account(
    tmp_path, minsheng, huanbei
):
    make_case(minsheng, huanbei, name="张三")
    _worker(huanbei)
    user = get_user_model().objects.create_user(candidate_username(CANDIDATE_ID), password="x")
    CandidateAccount.objects.create(
        user=user, name="王芳", id_number=CANDIDATE_ID, mobile=CANDIDATE_MOBILE
    )
    data = _database_bytes(tmp_path)
    for clear in [
        VALID_ID,
        MOBILE,
        WORKER_ID,
        "13700001111",
        BANK_ACCOUNT,
        CANDIDATE_ID,
        CANDIDATE_MOBILE,
    ]:
        assert clear.encode() not in data, clear
        assert base64.b64encode(clear.encode()) not in data
    assert "张三".encode() in data  # the file was read: names are not encrypted
