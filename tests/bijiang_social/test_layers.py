"""The layers point one way, down: the site layer (bijiang_social/), then identity and access
(accounts/), then the domain apps, careers and recruitment below services (a case is handled by
a registered social worker). No module imports a layer above its own, not even lazily inside a
function, and no migration depends on one; no models module imports one that imports it back."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(settings.BASE_DIR)
# Each app with the layer it sits on; an app may import its own layer's code and lower layers'.
LAYERS = {"bijiang_social": 0, "accounts": 1, "careers": 2, "recruitment": 2, "services": 3}
APPS = tuple(LAYERS)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (lazy imports inside functions included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _upward_imports(app: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for line, module in _imports(path)
        if (other := module.split(".")[0]) in LAYERS
        and other != app
        and LAYERS[other] >= LAYERS[app]
    ]


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_layers_below_it(app):
    offences = _upward_imports(app)
    assert not offences, "register from the higher app's AppConfig.ready() instead:\n" + "\n".join(
        offences
    )


def test_the_check_finds_an_upward_import(tmp_path, monkeypatch):
    (tmp_path / "accounts").mkdir()
    (tmp_path / "accounts" / "x.py").write_text("def f():\n    from services.models import A\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert _upward_imports("accounts") == ["accounts/x.py:2 imports services.models"]


def test_no_migration_depends_on_a_higher_layer_or_a_sibling():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    offences = [
        f"{app}.{name} depends on {dep_app}.{dep_name}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in LAYERS
        for dep_app, dep_name in migration.dependencies
        if dep_app in LAYERS and dep_app != app and LAYERS[dep_app] >= LAYERS[app]
    ]
    assert not offences, "\n".join(offences)


def test_no_models_module_imports_one_that_imports_it_back():
    def module_of(path: Path) -> str:
        return ".".join(path.relative_to(ROOT).with_suffix("").parts)

    models = {module_of(path): path for app in APPS for path in (ROOT / app).rglob("models.py")}
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
