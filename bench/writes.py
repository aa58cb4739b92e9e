"""`make bench-writes`: the rush of applications after a notice, and then a count.

Starts PostgreSQL (scripts/start-postgres.sh) with a scratch database, gunicorn with
production settings on loopback (gunicorn.conf.py's workers, persistent connections as in
compose.yaml) and BENCH_UNLIMITED=1 (every simulated resident comes from 127.0.0.1; settings.py
refuses that switch for any real host name). Then WRITES_RESIDENTS threads, WRITES_TOTAL
residents in all, each: load the application form, submit it with a 200 KB PDF for every
document, read the receipt, and track the case by POST. Bounded in count and time, loopback only.

Then the count, read from the database: every submission that got a receipt is stored with
all its documents (and their files), no reference twice, no case without its first timeline
step. Last line: `writes: N submitted, N stored, p99 X ms, errors E`.

Candidate registration (log in, save a draft with a photo, submit) is not in the portal yet;
the bench says so and measures residents only.
"""

import http.cookiejar
import json
import os
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
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORT = int(os.environ.get("WRITES_PORT", "8130"))
BASE = f"http://127.0.0.1:{PORT}"
RESIDENTS = int(os.environ.get("WRITES_RESIDENTS", "16"))
TOTAL = int(os.environ.get("WRITES_TOTAL", "120"))
DEADLINE_SECONDS = int(os.environ.get("WRITES_DEADLINE", "240"))
CATEGORY = "minsheng-doudi"
STEPS = ("form", "submit", "receipt", "track")


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


PDF = pdf_of_size(200 * 1024)


class Resident:
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


def _multipart(fields: dict[str, str], files: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = "----bijiang-writes-" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, content in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def one_resident(n: int, street: str, community: str, timings, outcome) -> None:
    resident = Resident()
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
        {name: PDF for name in documents},
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


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bijiang-writes-"))
    base_url = subprocess.run(
        ["bash", "scripts/start-postgres.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    database = "bijiang_writes"
    for sql in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database} OWNER bijiang"):
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", sql], check=True)
    env = dict(os.environ)
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
    ids = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from services.models import ServicePoint, Street; "
            "s = Street.objects.get(slug='huanbei'); "
            "c = ServicePoint.objects.filter(street=s, level='community').first(); "
            "print(s.pk, c.pk)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    street, community = ids[-2], ids[-1]
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
        timings = {name: [] for name in STEPS}
        outcome = {"receipts": [], "errors": [], "lock": threading.Lock()}
        print(
            f"writes: {TOTAL} residents, {RESIDENTS} at a time, against gunicorn on "
            f"PostgreSQL ({os.cpu_count()} cores); each uploads {len(PDF) // 1024} KB per document"
        )
        print("candidate registration: not in the portal yet, not measured")
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=RESIDENTS) as pool:
            futures = [
                pool.submit(one_resident, n, street, community, timings, outcome)
                for n in range(TOTAL)
            ]
            for future in futures:
                remaining = DEADLINE_SECONDS - (time.perf_counter() - started)
                try:
                    future.result(timeout=max(remaining, 1))
                except Exception as error:  # noqa: BLE001 — every failure is counted
                    outcome["errors"].append(f"{type(error).__name__}: {error}")
        elapsed = time.perf_counter() - started
        receipts = outcome["receipts"]
        print(f"{'step':10} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}")
        for name in STEPS:
            values = sorted(timings[name])
            if values:
                p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
                print(f"{name:10} {len(values):5d} {statistics.median(values):8.0f} {p99:8.0f}")
        print(f"throughput: {len(receipts) / elapsed:.1f} applications/s over {elapsed:.0f} s")
        for error in outcome["errors"][:5]:
            print(f"error: {error}")
        (tmp / "receipts.json").write_text(json.dumps(receipts))
        counted = json.loads(
            subprocess.run(
                [
                    PYTHON,
                    "manage.py",
                    "shell",
                    "-c",
                    COUNT.replace("sys.argv[1]", repr(str(tmp / "receipts.json"))),
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(
            f"count: {len(receipts)} receipts; {counted['stored']} stored, "
            f"{counted['complete']} with every document and timeline step; "
            f"{counted['duplicates']} duplicate references; {counted['all_cases']} cases in all"
            + (f"; incomplete: {counted['problems']}" if counted["problems"] else "")
        )
        submit = sorted(timings["submit"]) or [0]
        p99 = submit[min(len(submit) - 1, int(len(submit) * 0.99))]
        errors = len(outcome["errors"]) + (len(receipts) - counted["complete"])
        print(
            f"writes: {len(receipts)} submitted, {counted['complete']} stored, "
            f"p99 {p99:.0f} ms, errors {errors}"
        )
        return 0 if errors == 0 else 1
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
