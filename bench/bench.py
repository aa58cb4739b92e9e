"""`make bench`: the portal under wrk, every figure as a ratio to a bare-Django floor.

Starts gunicorn exactly as production would (production settings, DEBUG off, the worker
rule of gunicorn.conf.py) on loopback with the demo data in a scratch SQLite database
(or DATABASE_URL if set), measures a bare view (the floor, exposed only because BENCH_FLOOR=1)
and each read-only page with wrk, then the application form separately, and stops everything
it started. The last line is `bench: worst page ratio X of floor, errors N`.
"""

import gzip
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))

FLOOR = "/__bench__/floor"
READ_ONLY_PAGES = [
    "/",
    "/services/",
    "/services/streets/huanbei/",
    "/services/stations/huanbei-station/",
    "/services/find/?q=环北",
    "/recruitment/2024/",
    "/recruitment/2024/score/?written=80&interview=75",
    "/careers/",
    "/careers/subsidies/?level=intermediate&project_months=12",
    "/notices/",
    "/search/?q=社工",
    "/data/",
]
FORM_PAGES = ["/services/apply/", "/services/apply/minsheng-doudi/"]


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
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


def _get(path: str, gzip_ok: bool = True) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(
        BASE + urllib.parse.quote(path, safe="/?=&%"),
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip" if gzip_ok else ""},
    )
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


def page_weight(path: str) -> int:
    """Bytes transferred for the page and what it loads, compressed as served."""
    _, body, headers = _get(path)
    total = len(body)
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    for url in parser.urls:
        if url.startswith("/"):
            total += len(_get(url)[1])
    return total


def wrk(path: str) -> dict[str, float]:
    url = BASE + urllib.parse.quote(path, safe="/?=&%")
    output = subprocess.run(
        [
            "wrk",
            "-t",
            str(THREADS),
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{SECONDS}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
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
        ["load_sample_cases"],  # the data page's charts over a year of sample cases
        ["collectstatic", "--noinput"],
    ):
        _manage(env, *args)
    server = subprocess.Popen(
        [GUNICORN, "bijiang_social.wsgi"], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        for _ in range(100):
            try:
                if _get(FLOOR)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            print("gunicorn did not start")
            return 1
        workers = len(worker_rss_mb(server.pid))
        print(
            f"machine: {os.cpu_count()} cores; gunicorn workers: {workers}; "
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s"
        )
        floor = wrk(FLOOR)
        print(
            f"{'page':58} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'non-2xx':>7} {'KB':>6}"
        )
        print(
            f"{'floor (bare view)':58} {floor['rps']:8.0f} {1:6.2f} {floor['p50']:7.2f} "
            f"{floor['p99']:7.2f} {floor['errors']:7d}"
        )
        worst, errors = None, floor["errors"]
        for group, pages in (("read-only", READ_ONLY_PAGES), ("forms", FORM_PAGES)):
            print(f"-- {group}")
            for path in pages:
                status = _get(path)[0]
                if status == 404:
                    print(f"{path:58} (not built yet: 404, skipped)")
                    continue
                result = wrk(path)
                ratio = result["rps"] / floor["rps"]
                errors += result["errors"]
                if group == "read-only":
                    worst = ratio if worst is None else min(worst, ratio)
                print(
                    f"{path:58} {result['rps']:8.0f} {ratio:6.2f} {result['p50']:7.2f} "
                    f"{result['p99']:7.2f} {result['errors']:7d} "
                    f"{page_weight(path) / 1024:6.1f}"
                )
        rss = worker_rss_mb(server.pid)
        print("worker RSS after the run (MB): " + ", ".join(f"{mb:.0f}" for mb in rss))
        print(f"bench: worst page ratio {worst or 0:.2f} of floor, errors {errors}")
        return 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
