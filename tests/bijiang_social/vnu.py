"""Validate pages with the W3C Nu HTML Checker (vnu-jar), many pages per Java start.

The jar comes from npm into .vnu/ (`make html-deps`, which `make test` runs); VNU_JAR points
elsewhere. One `java -jar vnu.jar` call checks a whole batch of files: starting the JVM costs
about a second, checking a page a few milliseconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

DEFAULT_JAR = Path(settings.BASE_DIR) / ".vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def _jar() -> Path:
    jar = Path(os.environ.get("VNU_JAR", DEFAULT_JAR))
    if not jar.is_file():
        pytest.fail(
            f"The Nu HTML Checker is not installed ({jar} is missing): run `make html-deps` "
            "(part of `make test`), or set VNU_JAR to a vnu.jar."
        )
    return jar


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail("The Nu HTML Checker needs Java: apt-get install default-jre-headless")
    return java


def errors(pages: dict[str, str]) -> list[str]:
    """Every error vnu finds, as "<label> line N: message", for {label: html}."""
    jar, java = _jar(), _java()
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        labels = {}
        for number, (label, html) in enumerate(pages.items()):
            path = Path(tmp) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            labels[path.name] = label
        run = subprocess.run(
            [
                java,
                "-jar",
                str(jar),
                "--errors-only",
                "--format",
                "json",
                "--exit-zero-always",
                *sorted(str(Path(tmp) / name) for name in labels),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no report (exit {run.returncode}): {run.stderr[-2000:]}")
    return [
        f"{labels.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine', '?')}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
