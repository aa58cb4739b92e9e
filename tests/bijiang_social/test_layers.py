"""The layers point one way: the site layer (bijiang_social/) imports no app, and no models
module imports one that imports it back (not even lazily, inside a function)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("services", "recruitment", "careers")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (lazy imports inside functions included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_the_site_layer_imports_no_app():
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / "bijiang_social").rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] in APPS
    ]
    assert not offences, "register from the app's AppConfig.ready() instead:\n" + "\n".join(
        offences
    )


def test_no_models_module_imports_one_that_imports_it_back():
    def module_of(path: Path) -> str:
        return ".".join(path.relative_to(ROOT).with_suffix("").parts)

    models = {
        module_of(path): path
        for app in ("bijiang_social", *APPS)
        for path in (ROOT / app).rglob("models.py")
    }
    graph = {
        name: {module for _, module in _imports(path) if module in models and module != name}
        for name, path in models.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start] - seen:
            seen.add(nxt)
            if nxt == goal or reaches(nxt, goal, seen):
                return True
        return False

    cycles = [name for name in graph if reaches(name, name, set())]
    assert not cycles, f"import cycle through {cycles}"
