import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update(env)
    code = (
        "import bijiang_social.settings as s; "
        "print(s.DATABASES['default']['ENGINE']); print(s.SECURE_SSL_REDIRECT)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_with({"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = _settings_with({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_database_url_selects_postgresql_and_production_redirects_to_https():
    result = _settings_with(
        {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u:p@db:5432/bijiang", "HTTPS": "1"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "True"]


def test_without_database_url_it_uses_sqlite_in_development():
    result = _settings_with({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.sqlite3"


def test_the_bench_switch_is_refused_for_a_real_host_name():
    """BENCH_UNLIMITED (no rate limits for loopback clients) is `make bench-writes`' only."""
    production = {"SECRET_KEY": "x" * 50, "BENCH_UNLIMITED": "1"}
    result = _settings_with({**production, "ALLOWED_HOSTS": "social.bijiang.gov.cn,127.0.0.1"})
    assert result.returncode != 0
    assert "BENCH_UNLIMITED=1 is for `make bench-writes` on loopback only" in result.stderr
    result = _settings_with({**production, "ALLOWED_HOSTS": "127.0.0.1,localhost"})
    assert result.returncode == 0, result.stderr


def test_documents_go_to_a_private_s3_bucket_when_one_is_configured():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DOCUMENTS_S3")}
    clean.update(
        DEBUG="1",
        DOCUMENTS_S3_BUCKET="bijiang-documents",
        DOCUMENTS_S3_ENDPOINT_URL="http://minio:9000",
    )
    code = (
        "import bijiang_social.settings as s; d = s.STORAGES['default']; "
        "print(d['BACKEND'], d['OPTIONS']['default_acl'], d['OPTIONS']['querystring_auth'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "private", "True"]


def test_production_refuses_to_start_without_its_encryption_keys():
    keys = {"FIELD_ENCRYPTION_KEYS": "", "BLIND_INDEX_KEY": "", "BACKUP_ENCRYPTION_KEY": ""}
    result = _settings_with({"DEBUG": "0", "SECRET_KEY": "x" * 50, **keys})
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, BACKUP_ENCRYPTION_KEY not set" in result.stderr
    assert _settings_with({"DEBUG": "1", **keys}).returncode == 0
