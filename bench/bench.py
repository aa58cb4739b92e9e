"""`make bench`: the portal under wrk, every figure as a ratio to an independent floor.

1. The **reference floor**: bench/reference, a Django project as `startproject` makes it (its
   default middleware, one view returning a short text), under the same gunicorn settings
   (gunicorn.conf.py). It runs beside the portal; every line alternates short runs on the
   floor and on the page, and its ratio is of the two means, so load moving on a shared
   machine moves both alike.
2. The portal, started exactly as production would (production settings, DEBUG off, HTTPS
   behind a proxy header, the worker rule of gunicorn.conf.py) on loopback with the demo data
   in a scratch SQLite database (or DATABASE_URL if set): the **portal floor** (a bare view
   behind the portal's own middleware, routed only because BENCH_FLOOR=1), each read-only
   page, the form pages and /healthz.
3. Through the real front door: deploy/nginx.conf run by Debian's nginx
   (scripts/local_nginx.py) in front of the same instance, anonymous pages with its
   micro-cache.

Everything it started is stopped. The last line is
`bench: worst page ratio X of the reference floor (Y of the portal floor), form Z, errors N`.
"""

import gzip
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from bijiang_social.crypto import random_keys_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORT = int(os.environ.get("BENCH_PORT", "8120"))
REFERENCE_PORT = int(os.environ.get("BENCH_REFERENCE_PORT", "8121"))
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT", "8122"))
REFERENCE_BASE = f"http://127.0.0.1:{REFERENCE_PORT}"
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WARM_UP_SECONDS = 3

FLOOR = "/__bench__/floor"
READ_ONLY_PAGES = [
    "/",
    "/services/",
    "/services/streets/huanbei/",
    "/services/stations/huanbei-station/",
    "/services/find/?q=环北",
    "/recruitment/2024/",
    "/recruitment/2024/score/?written=80&interview=75",
    "/recruitment/2024/counts/",
    "/careers/",
    "/careers/subsidies/?level=intermediate&project_months=12",
    "/notices/",
    "/search/?q=社工",
    "/data/",
]
FORM_PAGES = ["/services/apply/", "/services/apply/minsheng-doudi/", "/services/track/"]
HEALTH = "the load balancer's check"
THROUGH_NGINX = ["/", "/services/", "/recruitment/2024/", "/careers/"]
# Logged-in pages are never page-cached: each request reads and saves the session.
CANDIDATE_GROUP = "logged-in candidate (not page-cached)"
CANDIDATE_PAGES = ["/recruitment/me/"]
CANDIDATE_SESSION = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from recruitment.models import CandidateAccount
user = CandidateAccount.objects.filter(is_sample=True).first().user
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(random_keys_env())
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        HTTPS="1",
        SECURE_PROXY_SSL_HEADER="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BENCH_FLOOR="1",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_ACCESS_LOG="",
        STATIC_ROOT=str(tmp / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp / "media"),
        PAGE_CACHE_STAMP_FILE=str(tmp / "page-stamp"),
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def _candidate_cookie(env: dict[str, str]) -> str:
    """A logged-in sample candidate's session cookie (load_recruitment_samples ran before)."""
    key = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", CANDIDATE_SESSION],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"sessionid={key}"


def _get(
    path: str, gzip_ok: bool = True, base: str = BASE, cookie: str = ""
) -> tuple[int, bytes, dict[str, str]]:
    headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip" if gzip_ok else ""}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(base + urllib.parse.quote(path, safe="/?=&%"), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(path: str, cookie: str = "") -> int:
    """Bytes transferred for the page and what it loads, compressed as served."""
    _, body, headers = _get(path, cookie=cookie)
    total = len(body)
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    for url in parser.urls:
        if url.startswith("/"):
            total += len(_get(url)[1])
    return total


def wrk(path: str, base: str = BASE, cookie: str = "", seconds: int = SECONDS) -> dict[str, float]:
    url = base + urllib.parse.quote(path, safe="/?=&%")
    extra = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(THREADS),
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{seconds}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": (int(non2xx.group(1)) if non2xx else 0)
        + (sum(int(n) for n in errors.groups()) if errors else 0),
    }


def worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout.split("\n")
    return [int(line.split()[1]) / 1024 for line in children if line.strip()]


def _start(command: list[str], env: dict[str, str], url: str) -> subprocess.Popen:
    # gunicorn's own log would interleave with the table; errors show in wrk's counts.
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    for _ in range(150):
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError(f"{command} did not answer {url}")


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def start_reference_floor(tmp: Path) -> subprocess.Popen:
    """bench/reference under the same gunicorn settings (idle while the portal is measured)."""
    env = dict(os.environ)
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        GUNICORN_BIND=f"127.0.0.1:{REFERENCE_PORT}",
        GUNICORN_ACCESS_LOG="",
        REFERENCE_DB=str(tmp / "reference.sqlite3"),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [
        str(GUNICORN),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--pythonpath",
        str(ROOT / "bench" / "reference"),
        "reference.wsgi",
    ]
    return _start(command, env, REFERENCE_BASE + "/")


def _row(label: str, result: dict[str, float], weight: str = "") -> str:
    return (
        f"{label:58} {result['rps']:8.0f} {result['ratio']:6.2f} "
        f"{result['p50']:7.2f} {result['p99']:7.2f} {result['errors']:7d} {weight}"
    )


def _start_front_door(directory: Path) -> bool:
    """deploy/nginx.conf by Debian's nginx in front of the instance, when nginx is installed.
    `make bench` never installs it: without it the front-door lines are skipped, with a note."""
    if not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)):
        print(
            "nginx is not installed: the front-door lines (through nginx) are skipped; "
            "apt-get install nginx to measure them"
        )
        return False
    command = [str(PYTHON), "scripts/local_nginx.py", "start", "--dir", str(directory)]
    command += ["--listen", f"127.0.0.1:{NGINX_PORT}", "--upstream", f"127.0.0.1:{PORT}"]
    if subprocess.run([*command, "--https"], cwd=ROOT).returncode != 0:
        print("nginx did not start: the front-door lines are skipped")
        return False
    return True


def main() -> int:
    if not shutil.which("wrk"):
        print("bench needs wrk: apt-get install wrk (make bench installs it when root)")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="bijiang-bench-"))
    env = _env(tmp)
    for args in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["load_guide"],
        ["load_recruitment_samples"],
        ["load_sample_cases"],  # the data page's charts over a year of sample cases
        ["collectstatic", "--noinput"],
    ):
        _manage(env, *args)
    cookie = _candidate_cookie(env)
    try:
        reference_server = start_reference_floor(tmp)
    except RuntimeError as error:
        print(error)
        return 1
    # A freshly started server answers its first thousands of requests slower (lazy imports,
    # compiled patterns, cold caches): each server is warmed up unmeasured first.
    wrk("/", base=REFERENCE_BASE, seconds=WARM_UP_SECONDS)
    try:
        server = _start([str(GUNICORN), "bijiang_social.wsgi"], env, BASE + FLOOR)
    except RuntimeError as error:
        _stop(reference_server)
        print(error)
        return 1
    nginx_dir = tmp / "nginx"
    references: list[float] = []

    def paired(path: str, **options) -> dict[str, float]:
        """ROUNDS short runs of wrk on the reference floor, each followed at once by one on
        `path`: the ratio is of the two means, so load moving on a shared machine (it does,
        by half within a minute here) moves both alike."""
        runs, floors = [], []
        for _ in range(ROUNDS):
            floors.append(wrk("/", base=REFERENCE_BASE, seconds=SECONDS)["rps"])
            runs.append(wrk(path, seconds=SECONDS, **options))
        references.extend(floors)
        rps = sum(run["rps"] for run in runs) / ROUNDS
        return {
            "rps": rps,
            "ratio": rps / (sum(floors) / ROUNDS),
            "p50": statistics.median(run["p50"] for run in runs),
            "p99": max(run["p99"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
        }

    try:
        wrk(FLOOR, seconds=WARM_UP_SECONDS)
        workers = len(worker_rss_mb(server.pid))
        floor = paired(FLOOR)
        measured: list[tuple[str, str, dict[str, float], str]] = []  # group, label, result, KB
        for group, pages in (("read-only", READ_ONLY_PAGES), ("forms", FORM_PAGES)):
            for path in pages:
                if _get(path)[0] == 404:
                    print(f"{path}: not built yet (404), skipped")
                    continue
                measured.append((group, path, paired(path), f"{page_weight(path) / 1024:6.1f}"))
        for path in CANDIDATE_PAGES:
            weight = f"{page_weight(path, cookie) / 1024:6.1f}"
            measured.append((CANDIDATE_GROUP, path, paired(path, cookie=cookie), weight))
        measured.append((HEALTH, "/healthz", paired("/healthz"), ""))
        group = "through nginx (deploy/nginx.conf with its micro-cache) in front of the instance"
        started = _start_front_door(nginx_dir)
        for path in THROUGH_NGINX if started else []:
            result = paired(path, base=f"http://127.0.0.1:{NGINX_PORT}")
            measured.append((group, f"nginx {path}", result, ""))

        print(
            f"machine: {os.cpu_count()} cores; gunicorn workers: {workers} (both projects); "
            f"wrk -t{THREADS} -c{CONNECTIONS}, {ROUNDS} rounds of {SECONDS} s per line, each "
            f"right after {SECONDS} s on the reference floor "
            f"({min(references):.0f}–{max(references):.0f} req/s)"
        )
        print(
            f"{'page':58} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'non-2xx':>7} {'KB':>6}   (ratio: to the reference floor measured next to it)"
        )
        mean = sum(references) / len(references)
        print(f"{'reference floor (startproject, bench/reference), mean':58} {mean:8.0f} {1:6.2f}")
        print(_row("portal floor (bare view, portal middleware)", floor))
        worst: dict[str, float] = {}
        errors = floor["errors"]
        shown = None
        for group, label, result, weight in measured:
            if group != shown:
                print(f"-- {group}")
                shown = group
            print(_row(label, result, weight))
            errors += result["errors"]
            worst[group] = min(worst.get(group, result["ratio"]), result["ratio"])
        rss = worker_rss_mb(server.pid)
        print("worker RSS after the run (MB): " + ", ".join(f"{mb:.0f}" for mb in rss))
        print(f"healthz: {worst[HEALTH]:.2f} of the reference floor")
        if group.startswith("through nginx"):
            print(f"nginx: worst anonymous page {worst[group]:.2f} of the reference floor")
        pages_ratio = worst.get("read-only", 0)
        print(
            f"bench: worst page ratio {pages_ratio:.2f} of the reference floor "
            f"({pages_ratio / floor['ratio']:.2f} of the portal floor), "
            f"form {worst.get('forms', 0):.2f}, errors {errors}"
        )
        return 0
    finally:
        subprocess.run(
            [str(PYTHON), "scripts/local_nginx.py", "stop", "--dir", str(nginx_dir)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _stop(server)
        _stop(reference_server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
