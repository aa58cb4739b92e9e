"""`make audit`: Lighthouse (npm, driving Debian's chromium) in mobile emulation on the main pages,
in the standard and the age-friendly mode, against gunicorn on loopback with the demo data.

Prints the four scores per page, the median of --runs runs (3: one run's performance score moves
by several points on a busy machine, as Lighthouse's documentation warns); with --strict exits 1
when a score misses its target (accessibility, best practices and SEO 100; performance 95).
Not part of `make test`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bijiang_social import elder_mode
from bijiang_social.crypto import random_keys_env

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = ["overview", "services:index", "services:apply", "recruitment:index", "careers:index"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LABELS = {
    "performance": "性能",
    "accessibility": "无障碍",
    "best-practices": "最佳实践",
    "seo": "SEO",
}
MODES = [("标准", None), ("长辈", f"{elder_mode.COOKIE_NAME}={elder_mode.COOKIE_VALUE}")]


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _wait_for(url: str, seconds: int = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url} within {seconds} s")


def _paths(env: dict) -> dict[str, str]:
    code = (
        "import django, json; django.setup(); from django.urls import reverse; "
        f"print(json.dumps({{n: reverse(n) for n in {PAGES!r}}}))"
    )
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _lighthouse(lighthouse: str, url: str, cookie: str | None) -> dict:
    args = [
        lighthouse,
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    if cookie:
        args.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # Chromium now and then fails to start or to connect on a busy machine: try again.
    for attempt in range(3):
        out = subprocess.run(args, capture_output=True, text=True)
        if out.returncode == 0:
            return json.loads(out.stdout)
        time.sleep(2 * (attempt + 1))
    raise RuntimeError(f"lighthouse failed on {url}: {out.stderr.strip()[-500:]}")


def _scores(report: dict) -> dict[str, int]:
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def _misses(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        f"{audits[r['id']]['id']} ({audits[r['id']]['title']})"
        for r in refs
        if r["weight"] and (audits[r["id"]]["score"] is not None and audits[r["id"]]["score"] < 1)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lighthouse", required=True)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bijiang-audit-"))
    env = {
        **os.environ,
        **random_keys_env(),
        "SECRET_KEY": "audit-only-not-secret",
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SETTINGS_MODULE": "bijiang_social.settings",
        "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        "LOG_LEVEL": "WARNING",
    }
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    _manage(env, "load_guide")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    paths = _paths(env)
    base = f"http://127.0.0.1:{options.port}"
    server = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "bijiang_social.wsgi",
            "--bind",
            f"127.0.0.1:{options.port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
    )
    failed = False
    try:
        _wait_for(base + "/")
        header = f"{'page':<36}{'mode':<6}" + "".join(f"{LABELS[c]:>10}" for c in CATEGORIES)
        print(header)
        for name, path in paths.items():
            for mode, cookie in MODES:
                reports = [
                    _lighthouse(options.lighthouse, base + path, cookie)
                    for _ in range(options.runs)
                ]
                # The run with the median performance score stands for the page.
                reports.sort(key=lambda r: _scores(r)["performance"])
                report = reports[len(reports) // 2]
                scores = _scores(report)
                print(
                    f"{name + ' ' + path:<36}{mode:<6}"
                    + "".join(f"{scores[c]:>12}" for c in CATEGORIES),
                    flush=True,
                )
                for category in CATEGORIES:
                    if scores[category] < TARGETS[category]:
                        failed = True
                        misses = _misses(report, category)
                        print(f"    {category} below {TARGETS[category]}: {'; '.join(misses)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if failed and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
