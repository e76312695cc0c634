"""The import rules of docs/architecture.md: which app may import which."""

import ast
from pathlib import Path

import wijkkracht

SRC = Path(wijkkracht.__file__).parent

ALLOWED = {
    "matching": set(),
    "audit": set(),
    "workflow": {"audit"},
    "background": set(),
    "mail": {"background", "accounts"},
    "ui": {"accounts", "audit"},
    "places": {"audit", "accounts"},
    "organisations": {"places", "audit", "accounts"},
    "councils": {"places", "audit", "accounts"},
    "accounts": {"places", "organisations", "councils", "audit", "people", "background"},
    "people": {"places", "accounts", "audit"},
    "demo": {"*"},
    "reporting": {"*"},
    "conf": set(),
    "operations": {"background"},
}

# Plain modules (not apps) every app may import: shared value rules.
SHARED = {"validators"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_apps_import_only_what_the_architecture_allows():
    violations = []
    for app_dir in sorted(p for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        app = app_dir.name
        allowed = ALLOWED.get(app)
        assert allowed is not None, f"app {app} is missing from the architecture table"
        for path in app_dir.rglob("*.py"):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "wijkkracht" or len(parts) < 2:
                    continue
                other = parts[1]
                if other in SHARED:
                    continue
                if other != app and "*" not in allowed and other not in allowed:
                    violations.append(f"{path.relative_to(SRC)} imports {module}")
    assert violations == []


def test_matching_imports_nothing_from_django():
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / "matching").rglob("*.py")
        for module in _imports(path)
        if module.split(".")[0] == "django"
    ]
    assert offenders == []


def test_no_catch_all_apps():
    assert not {"utils", "api", "views", "common", "core"} & {p.name for p in SRC.iterdir() if p.is_dir()}
