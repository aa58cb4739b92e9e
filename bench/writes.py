"""`make bench-writes`: the rush of applications after a notice, and the rush of candidates
on the last day of registration, then a count of what was stored.

Starts PostgreSQL (scripts/start-postgres.sh) with a scratch database, gunicorn with
production settings on loopback (gunicorn.conf.py's workers, persistent connections as in
compose.yaml) and BENCH_UNLIMITED=1 (every simulated resident and candidate comes from
127.0.0.1; settings.py refuses that switch for any real host name).

Residents: WRITES_RESIDENTS threads, WRITES_TOTAL residents in all, each: load the application
form, submit it with a 200 KB PDF for every document, read the receipt, and track the case by
POST. Then the count, read from the database: every submission that got a receipt is stored
with all its documents (and their files), no reference twice, no case without its first
timeline step.

Candidates: the bench creates WRITES_CANDIDATES candidate accounts directly in the database and
opens the current recruitment round's registration step around today (scratch database only).
Then WRITES_CANDIDATE_CONCURRENCY threads, each candidate: load the log-in page, log in, load
the registration form (报名表), save a draft with a photo (a real JPEG of about 70 KB) and two
200 KB PDF scans (diploma, certificates), submit it, and load 我的报名, which must show it
submitted. Then the count: every candidate whose submission was answered has exactly one
registration, submitted, with its photo (still a JPEG) and both scans in storage and its
history (draft saved, submitted); no registration twice, no file shared by two registrations,
no half-saved registration among all the bench's candidates.

Each part is bounded by WRITES_DEADLINE seconds, loopback only. Lines:
`candidates: N submitted, N stored, p99 X ms, errors E` (p99 of the worse of draft and submit),
and last `writes: N submitted, N stored, p99 X ms, errors E` for both parts (N: residents'
receipts plus candidates' submissions; p99 of the worst write step).
"""

import http.cookiejar
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageFilter

from bijiang_social.crypto import random_keys_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORT = int(os.environ.get("WRITES_PORT", "8130"))
BASE = f"http://127.0.0.1:{PORT}"
RESIDENTS = int(os.environ.get("WRITES_RESIDENTS", "16"))
TOTAL = int(os.environ.get("WRITES_TOTAL", "120"))
DEADLINE_SECONDS = int(os.environ.get("WRITES_DEADLINE", "240"))
CANDIDATES = int(os.environ.get("WRITES_CANDIDATES", "60"))
CANDIDATE_CONCURRENCY = int(os.environ.get("WRITES_CANDIDATE_CONCURRENCY", "16"))
CATEGORY = "minsheng-doudi"
STEPS = ("form", "submit", "receipt", "track")
CANDIDATE_STEPS = ("login-page", "log-in", "form", "draft", "submit", "mine")
POST_NAME = "社区社工岗"
SUBMITTED = "已提交，待资格审查"  # Registration.Status.SUBMITTED as 我的报名 shows it


def pdf_of_size(size: int) -> bytes:
    """A well-formed one-page PDF (parses with pypdf) padded to about `size` bytes."""
    padding = b"% " + b"0" * 76 + b"\n"
    stream = b"BT /F1 12 Tf 72 720 Td (bench) Tj ET\n" + padding * (size // len(padding))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def photo_jpeg() -> bytes:
    """A real JPEG photo of 480×640 pixels (Pillow decodes it), about 70 KB: blurred noise, so
    it neither compresses to nothing nor is trivially small for the portal's resizing."""
    size = (480, 640)
    noise = random.Random(17).randbytes(size[0] * size[1] * 3)
    image = Image.frombytes("RGB", size, noise).filter(ImageFilter.GaussianBlur(1))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=75)
    return buffer.getvalue()


PDF = pdf_of_size(200 * 1024)
PHOTO = photo_jpeg()


class Client:
    """One browser: its own cookies, redirects not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, body: bytes | None = None, content_type: str = ""):
        headers = {"Content-Type": content_type} if content_type else {}
        request = urllib.request.Request(BASE + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _multipart(
    fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    """A multipart/form-data body; files are name → (file name, content type, content)."""
    boundary = "----bijiang-writes-" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, (filename, file_type, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {file_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def one_resident(n: int, street: str, community: str, timings, outcome) -> None:
    resident = Client()
    mobile = f"139{n:08d}"

    def step(name: str, *args):
        started = time.perf_counter()
        result = resident.request(*args)
        timings[name].append((time.perf_counter() - started) * 1000)
        return result

    status, html, _ = step("form", f"/services/apply/{CATEGORY}/")
    if status != 200:
        outcome["errors"].append(f"form {status}")
        return
    documents = sorted(set(re.findall(r'name="(document_\d+)"', html)))
    body, content_type = _multipart(
        {
            "csrfmiddlewaretoken": _token(html),
            "applicant_name": "压力测试",
            "id_number": "522201199001011230",
            "mobile": mobile,
            "street": street,
            "community": community,
            "help_needed": "家里老人独居，希望有人定期上门探访。",
            "consent": "on",
        },
        {name: (f"{name}.pdf", "application/pdf", PDF) for name in documents},
    )
    status, html, headers = step("submit", f"/services/apply/{CATEGORY}/", body, content_type)
    if status != 302:
        snippet = re.sub(r"\s+", " ", html)[:120]
        outcome["errors"].append(f"submit {status}: {snippet}")
        return
    status, html, _ = step("receipt", headers["Location"])
    found = re.search(r"BJ-\d{4}-[0-9A-Z]{6}", html)
    if status != 200 or not found:
        outcome["errors"].append(f"receipt {status}")
        return
    reference = found.group(0)
    with outcome["lock"]:
        outcome["receipts"].append({"reference": reference, "documents": len(documents)})
    status, html, _ = resident.request("/services/track/")
    fields = f"reference={reference}&phone_last4={mobile[-4:]}&csrfmiddlewaretoken={_token(html)}"
    status, html, _ = step(
        "track", "/services/track/", fields.encode(), "application/x-www-form-urlencoded"
    )
    if status != 200 or reference not in html:
        outcome["errors"].append(f"track {status}")


def _registration_fields(form_html: str) -> dict[str, str]:
    """What a candidate types into the 报名表 (a post she qualifies for, with a 社工证)."""
    post = re.search(rf'<option value="(\d+)"[^>]*>{POST_NAME}</option>', form_html).group(1)
    return {
        "csrfmiddlewaretoken": _token(form_html),
        "post": post,
        "mobile": "",  # kept from the account
        "education": "50",
        "school": "铜仁学院",
        "major": "社会工作",
        "graduated_on": "2019-07-01",
        "social_work_level": "assistant",
        "certificate_number": "2021-520000-001",
        "certificate_date": "2021-06-20",
        "has_eldercare_certificate": "no",
        "is_local": "yes",
        "grassroots_years": "2",
        "work_history": "2019.07-2024.12 碧江区某社区 网格员",
    }


def one_candidate(id_number: str, password: str, year: int, timings, outcome) -> None:
    candidate = Client()

    def step(name: str, *args):
        started = time.perf_counter()
        result = candidate.request(*args)
        timings[name].append((time.perf_counter() - started) * 1000)
        return result

    def fail(name: str, status: int, html: str) -> None:
        # The form's own messages when there are some, else the start of the page's text.
        said = re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>\s*([^<]+)', html)
        text = " ".join(said) or re.sub(r"<[^>]+>", " ", html)
        outcome["errors"].append(f"candidate {name} {status}: {' '.join(text.split())[:160]}")

    status, html, _ = step("login-page", "/recruitment/account/login/")
    if status != 200:
        return fail("login-page", status, html)
    credentials = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": _token(html), "username": id_number, "password": password}
    )
    status, html, headers = step(
        "log-in",
        "/recruitment/account/login/",
        credentials.encode(),
        "application/x-www-form-urlencoded",
    )
    if status != 302 or headers["Location"] != "/recruitment/me/":
        return fail("log-in", status, html)
    apply = f"/recruitment/{year}/apply/"
    status, html, _ = step("form", apply)
    if status != 200 or 'name="submit"' not in html:
        return fail("form", status, html)
    fields = _registration_fields(html)
    body, content_type = _multipart(
        {**fields, "save": "1"},
        {
            "photo": ("photo.jpg", "image/jpeg", PHOTO),
            "diploma": ("diploma.pdf", "application/pdf", PDF),
            "certificates": ("certificates.pdf", "application/pdf", PDF),
        },
    )
    status, html, headers = step("draft", apply, body, content_type)
    if status != 302 or headers["Location"] != "/recruitment/me/":
        return fail("draft", status, html)
    with outcome["lock"]:
        outcome["drafts"].append(id_number)
    # The same page, submitted: the files are the draft's (no new upload replaces them).
    body, content_type = _multipart({**fields, "submit": "1"}, {})
    status, html, headers = step("submit", apply, body, content_type)
    if status != 302 or headers["Location"] != "/recruitment/me/":
        return fail("submit", status, html)
    with outcome["lock"]:
        outcome["submitted"].append(id_number)
    status, html, _ = step("mine", "/recruitment/me/")
    if status != 200 or SUBMITTED not in html or "报名表已提交" not in html:
        return fail("mine", status, html)
    return None


COUNT = """
import json, sys
from services.applications.models import ServiceApplication
receipts = json.load(open(sys.argv[1]))
wanted = {r["reference"]: r["documents"] for r in receipts}
cases = ServiceApplication.objects.filter(reference__in=wanted).prefetch_related("documents")
stored = complete = 0
problems = []
for case in cases:
    stored += 1
    documents = list(case.documents.all())
    files_ok = all(d.file.storage.exists(d.file.name) for d in documents)
    if len(documents) == wanted[case.reference] and files_ok and case.events.exists():
        complete += 1
    else:
        problems.append(case.reference)
references = list(ServiceApplication.objects.values_list("reference", flat=True))
print(json.dumps({
    "stored": stored, "complete": complete, "problems": problems[:5],
    "duplicates": len(references) - len(set(references)), "all_cases": len(references),
}))
"""

# Candidate accounts straight into the database (one password hash for all of them: hashing
# 60 passwords one by one would only measure the set-up), and the current round's
# registration step opened around today. Prints the round's year and the ID numbers.
SETUP_CANDIDATES = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from bijiang_social.personal_data import resident_id_check_char
from recruitment.models import (
    CandidateAccount, RecruitmentRound, TimelineStep, candidate_username,
)
count, password = COUNT_AND_PASSWORD
round_ = RecruitmentRound.objects.current()
today = timezone.localdate()
TimelineStep.objects.filter(round=round_, kind=TimelineStep.Kind.REGISTRATION).update(
    starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=1)
)
assert round_.registration_state() == "open", round_.registration_state()
numbers = []
for n in range(count):
    first17 = f"522201{dt.date(1990, 1, 1) + dt.timedelta(days=n // 900):%Y%m%d}{100 + n % 900:03d}"
    numbers.append(first17 + resident_id_check_char(first17))
hashed = make_password(password)
User = get_user_model()
with transaction.atomic():
    users = User.objects.bulk_create(
        User(username=candidate_username(number), password=hashed, first_name=f"考生{n:04d}")
        for n, number in enumerate(numbers)
    )
    CandidateAccount.objects.bulk_create(
        CandidateAccount(user=user, name=user.first_name, id_number=number,
                         mobile=f"137{n:08d}")
        for n, (user, number) in enumerate(zip(users, numbers))
    )
print(json.dumps({"year": round_.year, "id_numbers": numbers}))
"""

CANDIDATE_COUNT = """
import json, sys
from collections import Counter
from PIL import Image
from bijiang_social.encrypted_fields import index_of
from recruitment.models import CandidateAccount, Registration
data = json.load(open(sys.argv[1]))
submitted = set(data["submitted"])
indexes = [index_of(CandidateAccount, "id_number_index", n) for n in data["accounts"]]
registrations = list(
    Registration.objects.filter(account__id_number_index__in=indexes)
    .select_related("account").prefetch_related("events")
)
per_account = Counter(r.account.id_number for r in registrations)
files = Counter()
stored = 0
half = []
problems = []
for r in registrations:
    titles = {e.title for e in r.events.all()}
    documents = [r.photo, r.diploma, r.certificates]
    files.update(d.name for d in documents if d)
    present = all(d and d.storage.exists(d.name) for d in documents)
    try:
        with r.photo.open("rb") as photo, Image.open(photo) as image:
            is_jpeg = image.format == "JPEG"
    except Exception:
        is_jpeg = False
    whole = present and is_jpeg and "保存草稿" in titles and (
        r.status == "draft"
        or (r.status == "submitted" and r.submitted_at is not None and "提交报名表" in titles)
    )
    if not whole:
        half.append(r.account.id_number)
    if r.account.id_number in submitted:
        if whole and r.status == "submitted" and per_account[r.account.id_number] == 1:
            stored += 1
        else:
            problems.append(r.account.id_number)
missing = sorted(submitted - set(per_account))
print(json.dumps({
    "stored": stored,
    "registrations": len(registrations),
    "drafts": sum(r.status == "draft" for r in registrations),
    "duplicates": sum(n - 1 for n in per_account.values()),
    "shared_files": sum(n - 1 for n in files.values()),
    "half_saved": len(half),
    "problems": (problems + missing)[:5],
}))
"""


def _shell(code: str, env: dict[str, str]) -> str:
    """Run Python in `manage.py shell` (no auto-imports, no chatter); its last output line."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def _p99(values: list[float]) -> float:
    values = sorted(values) or [0]
    return values[min(len(values) - 1, int(len(values) * 0.99))]


def _table(timings: dict[str, list[float]], steps: tuple[str, ...]) -> None:
    print(f"{'step':10} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}")
    for name in steps:
        values = timings[name]
        if values:
            print(
                f"{name:10} {len(values):5d} {statistics.median(values):8.0f} {_p99(values):8.0f}"
            )


def _rush(threads: int, jobs: list, errors: list) -> float:
    """Run the jobs on `threads` threads within WRITES_DEADLINE; the seconds it took."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(job, *args) for job, *args in jobs]
        for future in futures:
            remaining = DEADLINE_SECONDS - (time.perf_counter() - started)
            try:
                future.result(timeout=max(remaining, 1))
            except Exception as error:  # noqa: BLE001 — every failure is counted
                errors.append(f"{type(error).__name__}: {error}")
        for future in futures:
            future.cancel()
    return time.perf_counter() - started


def residents(env: dict[str, str], tmp: Path) -> tuple[int, int, float, int]:
    """The residents' rush and its count: (receipts, stored, p99 ms of submit, errors)."""
    street, community = _shell(
        "from services.models import ServicePoint; from accounts.models import Street; "
        "s = Street.objects.get(slug='huanbei'); "
        "c = ServicePoint.objects.filter(street=s, level='community').first(); "
        "print(s.pk, c.pk)",
        env,
    ).split()
    timings = {name: [] for name in STEPS}
    outcome = {"receipts": [], "errors": [], "lock": threading.Lock()}
    print(
        f"writes: {TOTAL} residents, {RESIDENTS} at a time, against gunicorn on "
        f"PostgreSQL ({os.cpu_count()} cores); each uploads {len(PDF) // 1024} KB per document"
    )
    jobs = [(one_resident, n, street, community, timings, outcome) for n in range(TOTAL)]
    elapsed = _rush(RESIDENTS, jobs, outcome["errors"])
    receipts = outcome["receipts"]
    _table(timings, STEPS)
    print(f"throughput: {len(receipts) / elapsed:.1f} applications/s over {elapsed:.0f} s")
    for error in outcome["errors"][:5]:
        print(f"error: {error}")
    (tmp / "receipts.json").write_text(json.dumps(receipts))
    counted = json.loads(
        _shell(COUNT.replace("sys.argv[1]", repr(str(tmp / "receipts.json"))), env)
    )
    print(
        f"count: {len(receipts)} receipts; {counted['stored']} stored, "
        f"{counted['complete']} with every document and timeline step; "
        f"{counted['duplicates']} duplicate references; {counted['all_cases']} cases in all"
        + (f"; incomplete: {counted['problems']}" if counted["problems"] else "")
    )
    errors = len(outcome["errors"]) + (len(receipts) - counted["complete"]) + counted["duplicates"]
    return len(receipts), counted["complete"], _p99(timings["submit"]), errors


def candidates(env: dict[str, str], tmp: Path) -> tuple[int, int, float, int]:
    """The candidates' rush and its count: (submitted, stored, p99 ms of draft/submit, errors)."""
    password = secrets.token_urlsafe(12)
    setup = json.loads(
        _shell(SETUP_CANDIDATES.replace("COUNT_AND_PASSWORD", repr((CANDIDATES, password))), env)
    )
    year, id_numbers = setup["year"], setup["id_numbers"]
    timings = {name: [] for name in CANDIDATE_STEPS}
    outcome = {"drafts": [], "submitted": [], "errors": [], "lock": threading.Lock()}
    print(
        f"candidates: {CANDIDATES} candidates of the {year} round, {CANDIDATE_CONCURRENCY} at a "
        f"time; each logs in, saves a draft with a {len(PHOTO) // 1024} KB photo and two "
        f"{len(PDF) // 1024} KB scans, submits, and reads 我的报名"
    )
    jobs = [(one_candidate, number, password, year, timings, outcome) for number in id_numbers]
    elapsed = _rush(CANDIDATE_CONCURRENCY, jobs, outcome["errors"])
    submitted = outcome["submitted"]
    _table(timings, CANDIDATE_STEPS)
    print(f"throughput: {len(submitted) / elapsed:.1f} registrations/s over {elapsed:.0f} s")
    for error in outcome["errors"][:5]:
        print(f"error: {error}")
    (tmp / "candidates.json").write_text(
        json.dumps({"accounts": id_numbers, "submitted": submitted})
    )
    counted = json.loads(
        _shell(CANDIDATE_COUNT.replace("sys.argv[1]", repr(str(tmp / "candidates.json"))), env)
    )
    print(
        f"count: {len(submitted)} submitted; {counted['stored']} stored submitted with photo, "
        f"scans and history; {counted['duplicates']} duplicate registrations; "
        f"{counted['shared_files']} shared files; {counted['half_saved']} half-saved; "
        f"{counted['registrations']} registrations in all ({counted['drafts']} drafts)"
        + (f"; not stored whole: {counted['problems']}" if counted["problems"] else "")
    )
    p99 = max(_p99(timings["draft"]), _p99(timings["submit"]))
    errors = (
        len(outcome["errors"])
        + (len(submitted) - counted["stored"])
        + counted["duplicates"]
        + counted["shared_files"]
        + counted["half_saved"]
    )
    print(
        f"candidates: {len(submitted)} submitted, {counted['stored']} stored, "
        f"p99 {p99:.0f} ms, errors {errors}"
    )
    return len(submitted), counted["stored"], p99, errors


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bijiang-writes-"))
    base_url = subprocess.run(
        ["bash", "scripts/start-postgres.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    database = "bijiang_writes"
    for sql in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database} OWNER bijiang"):
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", sql], check=True)
    env = {**os.environ, **random_keys_env()}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=base_url.rsplit("/", 1)[0] + f"/{database}",
        DATABASE_CONN_MAX_AGE="60",
        BENCH_UNLIMITED="1",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_ACCESS_LOG="",
        STATIC_ROOT=str(tmp / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp / "documents"),
        PAGE_CACHE_STAMP_FILE=str(tmp / "page-stamp"),
    )
    for args in (["migrate", "--noinput"], ["createcachetable"], ["load_guide"]):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 — closed with the server
    server = subprocess.Popen(
        [GUNICORN, "bijiang_social.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        receipts, stored, p99, errors = residents(env, tmp)
        submitted, registered, candidate_p99, candidate_errors = candidates(env, tmp)
        # What the server said went wrong (500s, worker time-outs), for the reader to follow up.
        marks = ("Internal Server Error", "Error", "[CRITICAL]", "[ERROR]")
        server_errors = [
            line.rstrip()
            for line in (tmp / "gunicorn.log").read_text().splitlines()
            if any(mark in line for mark in marks) and not line.startswith(" ")
        ]
        for line in server_errors[:5]:
            print(f"server log: {line}")
        print(
            f"writes: {receipts + submitted} submitted, {stored + registered} stored, "
            f"p99 {max(p99, candidate_p99):.0f} ms, errors {errors + candidate_errors}"
        )
        return 0 if errors + candidate_errors == 0 else 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                "psql",
                "-q",
                "-c",
                f"DROP DATABASE IF EXISTS {database}",
            ],
            check=False,
        )
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
