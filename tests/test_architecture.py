"""The architecture rules of docs/architecture.md, checked against the code.

- The table "Apps and who may import whom" is the single source: it is read from the document. An app missing
  from it, an import it does not allow, and an allowed import the code no longer makes all fail, so the
  document and the code cannot drift apart.
- Apps import each other without cycles (import contracts, checked on every import, also inside functions).
- Across apps only the public modules are imported (never another app's views, forms, admin, urls, commands).
- Inside an app the layers point down: models, constants and query know nothing of services or views;
  permissions write nothing; services know nothing of HTTP.
- Entry points (views, forms, admin, tasks, jobs, commands, API) never write models: they call services.
- No Django model signals for business logic.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import wijkkracht

SRC = Path(wijkkracht.__file__).parent
DOC = SRC.parent.parent / "docs" / "architecture.md"
# Modules of an app that other apps must not import: the HTTP and command layers, and scheduling.
PRIVATE_MODULES = {"views", "forms", "admin", "urls", "api", "management", "jobs", "migrations", "middleware"}
# Inside an app: a module of the left-hand kind must not import the app's modules on the right.
LAYERS = {
    frozenset({"models", "constants", "query", "validators"}): {
        "services",
        "permissions",
        "views",
        "forms",
        "admin",
        "tasks",
        "jobs",
        "urls",
        "api",
    },
    frozenset({"permissions"}): {"services", "views", "forms", "admin", "tasks", "jobs", "urls", "api"},
    frozenset({"services"}): {"views", "forms", "admin", "urls", "api"},
}
ENTRY_POINTS = {"views.py", "forms.py", "admin.py", "tasks.py", "jobs.py", "api.py", "urls.py", "middleware.py"}
WRITES = {"save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
NO_SIGNALS = ("django.db.models.signals", "django.dispatch", "django.core.signals")
OUTSIDE_THE_RULES = {"demo", "conf"}  # the demo seeds everything through services; settings import no app
# Plain modules (not apps) every app may import: shared value rules, the iCalendar builder. They import no app.
SHARED = {"validators", "ical"}


def allowed_table() -> dict[str, set[str]]:
    """The table in docs/architecture.md: | `app` | `other`, `other` | ("everything" allows all)."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Apps and who may import whom", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.fullmatch(r"`[a-z_]+`", cells[0]):
            continue
        app = cells[0].strip("`")
        assert app not in table, f"{app} has two rows in the table"
        names = {name.split(".")[0] for name in re.findall(r"`([a-z_.]+)`", cells[1])}
        table[app] = {"*"} if "everything" in cells[1] else names
    return table


def apps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def modules(app: str) -> Iterator[Path]:
    yield from (p for p in (SRC / app).rglob("*.py") if "migrations" not in p.relative_to(SRC).parts)


def imports(path: Path) -> Iterator[str]:
    """Every module `path` imports, anywhere in the file, with relative imports resolved."""
    package = ["wijkkracht", *path.relative_to(SRC).parts[:-1]]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            yield module
            if node.module is None:  # from . import services
                yield from (f"{module}.{alias.name}" for alias in node.names)


def app_graph() -> dict[str, dict[str, set[str]]]:
    """app -> other app -> the files that import it."""
    graph: dict[str, dict[str, set[str]]] = {app: {} for app in apps()}
    for app in apps():
        for path in modules(app):
            for module in imports(path):
                parts = module.split(".")
                if parts[0] == "wijkkracht" and len(parts) > 1 and parts[1] != app and parts[1] in graph:
                    graph[app].setdefault(parts[1], set()).add(str(path.relative_to(SRC)))
    return graph


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_app_has_a_row_and_every_row_an_app():
    table = allowed_table()
    assert sorted(set(apps()) - table.keys()) == [], "add a row to the table in docs/architecture.md"
    assert sorted(table.keys() - set(apps())) == [], "the table names an app that does not exist"


def test_apps_import_only_what_the_table_allows():
    table = allowed_table()
    violations = [
        f"{app} imports {other} ({', '.join(sorted(files))})"
        for app, others in app_graph().items()
        if "*" not in table.get(app, set())
        for other, files in others.items()
        if other not in table.get(app, set())
    ]
    assert violations == []


def test_the_table_claims_no_import_the_code_does_not_make():
    table, graph = allowed_table(), app_graph()
    stale = [
        f"{app} may import {other}, but does not"
        for app, allowed in table.items()
        if "*" not in allowed
        for other in allowed
        if other not in graph.get(app, {})
    ]
    assert stale == [], "keep the table in docs/architecture.md as the code is"


def test_apps_import_each_other_without_cycles():
    graph = app_graph()
    assert cycles({app: set(others) for app, others in graph.items()}) == []
    table = allowed_table()
    assert cycles({app: allowed for app, allowed in table.items() if "*" not in allowed}) == []


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_shared_modules_import_no_app():
    offenders = [
        f"{name}.py imports {module}"
        for name in SHARED
        for module in imports(SRC / f"{name}.py")
        if module.startswith("wijkkracht.") and module.split(".")[1] in apps()
    ]
    assert offenders == []


def test_nobody_imports_the_demo_or_the_settings():
    offenders = [
        f"{app} imports {other}"
        for app, others in app_graph().items()
        for other in others
        if other in OUTSIDE_THE_RULES and app not in OUTSIDE_THE_RULES
    ]
    assert offenders == []


def test_other_apps_import_only_public_modules():
    offenders = []
    for app in apps():
        if app in OUTSIDE_THE_RULES:
            continue
        for path in modules(app):
            for module in imports(path):
                parts = module.split(".")
                if parts[0] == "wijkkracht" and len(parts) > 2 and parts[1] != app and parts[2] in PRIVATE_MODULES:
                    offenders.append(f"{path.relative_to(SRC)} imports {module}")
    assert offenders == []


def test_layers_inside_an_app_point_down():
    offenders = []
    for app in apps():
        for path in modules(app):
            for kinds, forbidden in LAYERS.items():
                if path.stem not in kinds or path.parent != SRC / app:
                    continue
                for module in imports(path):
                    parts = module.split(".")
                    if parts[:2] == ["wijkkracht", app] and len(parts) > 2 and parts[2] in forbidden:
                        offenders.append(f"{path.relative_to(SRC)} imports {module}")
    assert offenders == []


def _chain(node: ast.AST) -> list[str]:
    names = []
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Call):
            node = node.func
        else:
            names.append(node.attr)
            node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return names


def _is_entry_point(path: Path) -> bool:
    """views.py and a views module grown apart (vacancy_views.py) or into a package (views/...), likewise for the
    other entry kinds; management commands."""
    kinds = {name.removesuffix(".py") for name in ENTRY_POINTS}
    stem = path.stem
    return (
        path.name in ENTRY_POINTS
        or any(stem.endswith(f"_{kind}") for kind in kinds)
        or bool(kinds & set(path.parent.relative_to(SRC).parts))
        or "commands" in path.parts
    )


def test_entry_points_write_only_through_services():
    offenders = []
    for app in apps():
        if app in OUTSIDE_THE_RULES:
            continue
        for path in modules(app):
            if not _is_entry_point(path):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                method, receiver = node.func.attr, _chain(node.func.value)
                model_write = method in WRITES and (
                    method == "save" or {"objects", "filter", "exclude", "all", "_base_manager"} & set(receiver)
                )
                if model_write:
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node)[:80]}")
    assert offenders == []


def test_no_model_signals_for_business_logic():
    offenders = [
        f"{path.relative_to(SRC)} imports {module}"
        for app in apps()
        for path in modules(app)
        for module in imports(path)
        if module.startswith(NO_SIGNALS)
    ]
    assert offenders == []


def test_matching_imports_nothing_from_django():
    offenders = [
        str(path.relative_to(SRC))
        for path in modules("matching")
        for module in imports(path)
        if module.split(".")[0] == "django"
    ]
    assert offenders == []


def test_no_catch_all_apps():
    assert not {"utils", "api", "views", "common", "core", "helpers"} & set(apps())


def test_the_demo_seeds_through_services():
    """seed_demo writes every row through the apps' services; only the benchmark's bulk scale (scale.py and the
    `seed_*_scale` functions and their `_scale_*` helpers) writes models directly (docs/architecture.md, item 11)."""
    offenders = []
    for path in modules("demo"):
        if path.name == "scale.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bulk = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and re.fullmatch(r"seed_\w*scale|_scale_\w+", node.name)
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in bulk or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, receiver = node.func.attr, _chain(node.func.value)
            if method in WRITES and (method == "save" or {"objects", "filter", "exclude", "all"} & set(receiver)):
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node)[:80]}")
    assert offenders == []


READS = {"exists", "count", "first", "last", "get", "latest", "earliest", "aggregate", "values", "values_list"}


def test_permission_modules_make_no_queries():
    """Rules read the Scope and the object's own fields; `@policy.filter`s only narrow the QuerySet they get.
    A read a rule needs lives in the app's query.py (e.g. councils.query.seated_positions, cached per request)."""
    offenders = []
    for app in apps():
        path = SRC / app / "permissions.py"
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"objects", "_base_manager", "_default_manager"}:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node)[:80]}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in READS:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node)[:80]}")
    assert offenders == []


# A template that asks the database (`x.exists`, `x.count`, `x.first`, `related_set.`) runs a query per render,
# often per row: the view passes the value (`has_professionals`) or prefetches (`centre.rooms.all` is fine then).
# `page.paginator.count` is the paginator's own count (one query, cached by the paginator).
TEMPLATE_QUERY = re.compile(r"\b(?!forloop\.)[a-z_][\w.]*\.(exists|count|first|last|latest|earliest)\b|\w_set\b")


def test_templates_make_no_queries():
    offenders = [
        f"{path.relative_to(SRC)}:{number} {match.group(0)}"
        for path in sorted(SRC.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in TEMPLATE_QUERY.finditer(line)
        if not match.group(0).endswith("paginator.count")
    ]
    assert offenders == []
