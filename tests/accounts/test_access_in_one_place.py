"""Every access decision lives in accounts/access.py: outside it, `is_staff`, `is_superuser`
and `has_perm` appear only in tests and migrations."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECIDER = "accounts/access.py"
PATTERN = re.compile(r"\b(is_staff|is_superuser|has_perms?)\b")
SKIPPED_DIRS = {"tests", "migrations", ".venv", "node_modules", "staticfiles", ".git"}
PENDING: set[str] = set()  # files still exempt while being moved onto the access module


def offending_lines(files: dict[str, str]) -> list[str]:
    """`path:line: text` of every access recipe written outside the access module."""
    found = []
    for path, text in files.items():
        if path == DECIDER or path in PENDING:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if PATTERN.search(line):
                found.append(f"{path}:{number}: {line.strip()}")
    return found


def _code_files() -> dict[str, str]:
    files = {}
    for path in [*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]:
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts) or relative.parts[0] == "bench":
            continue
        files[relative.as_posix()] = path.read_text(encoding="utf-8")
    return files


def test_no_code_outside_the_access_module_decides_access():
    assert offending_lines(_code_files()) == [], (
        "这些地方自己判断了权限：请在 accounts/access.py 中写一个有名字的函数并调用它"
    )


def test_it_finds_a_recipe_written_in_an_admin_or_a_template():
    bad = {
        "services/example_admin.py": "def f(request):\n    return request.user.is_superuser\n",
        "recruitment/views.py": "ok = user.has_perm('recruitment.review_registration')\n",
        "templates/x.html": "{% if user.is_staff %}secret{% endif %}\n",
        "careers/perms.py": "user.has_perms(['a', 'b'])\n",
    }
    assert [line.split(":")[0] for line in offending_lines(bad)] == [
        "services/example_admin.py",
        "recruitment/views.py",
        "templates/x.html",
        "careers/perms.py",
    ]


def test_the_access_module_itself_and_names_that_merely_contain_the_words_pass():
    files = {
        DECIDER: "return user.is_superuser\n",
        "bijiang_social/x.py": "is_staff_member = decisions.allows(name, user)\n",
    }
    assert offending_lines(files) == []


def test_the_pending_exemptions_are_still_needed():
    files = _code_files()
    for path in PENDING:
        lines = offending_lines({f"check/{path}": files.get(path, "")})
        assert lines, f"{path} 已不再自行判断权限：请把它从 PENDING 中删去。"
