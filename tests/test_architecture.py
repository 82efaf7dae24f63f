"""Imports run one way between our apps, and no module imports itself in a loop.

core ← imaging ← accounts ← blog ← {comments, editorial} ← wordpress ← config,
and demo beside wordpress.
Every module of every app is read with `ast` (imports inside functions and
migrations included, relative imports resolved), so the rule holds for the
code as written, not only for what a test happens to import.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_BELOW_BLOG = {"core", "imaging", "accounts", "blog"}
# Which other apps of ours each app may import.
ALLOWED = {
    "core": set(),
    "imaging": {"core"},
    "accounts": {"core", "imaging"},
    "blog": {"core", "imaging", "accounts"},
    "comments": _BELOW_BLOG,
    "editorial": _BELOW_BLOG,
    "wordpress": {*_BELOW_BLOG, "comments", "editorial"},
    "demo": {*_BELOW_BLOG, "comments", "editorial", "config"},
    "config": {*_BELOW_BLOG, "comments", "editorial", "wordpress", "demo"},
}
APPS = tuple(ALLOWED)


@dataclass(frozen=True)
class Import:
    importer: str  # module name
    path: Path
    line: int
    target: str  # absolute module name

    def describe(self, root: Path) -> str:
        return f"{self.path.relative_to(root)}:{self.line}: imports {self.target}"


def project_modules(root: Path, apps=APPS) -> dict[str, Path]:
    """Module name → file, for every .py file of our apps."""
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str | None:
    """The absolute name `from <…> import` starts from, or None if invalid."""
    if node.level == 0:
        return node.module
    package = module.split(".")
    if path.name != "__init__.py":
        package = package[:-1]  # a module's level 1 is its package
    if node.level - 1 >= len(package):
        return None
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """Every import in the file, at any depth, as absolute module names.

    `from x import y` names the module `x.y` when there is one, else `x`.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            if base is None:
                continue
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found += [Import(module, path, node.lineno, target) for target in targets]
    return found


def all_imports(root: Path, apps=APPS) -> list[Import]:
    modules = project_modules(root, apps)
    return [
        found
        for module, path in modules.items()
        for found in imports_of(module, path, modules)
    ]


def order_violations(root: Path, allowed=ALLOWED) -> list[str]:
    """Each import of one of our apps that the importing app may not make."""
    problems = []
    for found in all_imports(root, tuple(allowed)):
        app, target_app = found.importer.split(".")[0], found.target.split(".")[0]
        if target_app in allowed and target_app != app:
            if target_app not in allowed[app]:
                problems.append(f"{found.describe(root)} ({app} may not import it)")
    return problems


def import_graph(root: Path, apps=APPS) -> dict[str, set[str]]:
    """Module → the project modules it imports."""
    modules = project_modules(root, apps)
    graph = {module: set() for module in modules}
    for found in all_imports(root, apps):
        if found.target in modules and found.target != found.importer:
            graph[found.importer].add(found.target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None: a depth-first search."""
    done, path, on_path = set(), [], set()

    def visit(module):
        path.append(module)
        on_path.add(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def _listed(problems: list[str]) -> str:
    return "\n".join(problems)


# The rule, on today's tree.


def test_no_app_imports_against_the_dependency_order():
    problems = order_violations(ROOT)
    assert not problems, _listed(problems)


def test_blog_never_imports_comments_or_editorial():
    problems = [
        found.describe(ROOT)
        for found in all_imports(ROOT)
        if found.importer.split(".")[0] == "blog"
        and found.target.split(".")[0] in {"comments", "editorial"}
    ]
    assert not problems, _listed(problems)


def test_no_import_cycle_between_modules_of_the_project():
    cycle = find_cycle(import_graph(ROOT))
    assert cycle is None, "Import cycle: " + " → ".join(cycle)


def test_the_walk_reads_every_app_and_its_migrations():
    modules = project_modules(ROOT)
    assert {module.split(".")[0] for module in modules} == set(APPS)
    assert "blog.migrations.0001_initial" in modules


# The checker itself, on small trees: it can fail.


def write(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root


def test_an_upward_import_is_reported_with_file_line_and_module(tmp_path):
    root = write(
        tmp_path,
        {
            "core/__init__.py": "",
            "core/mail.py": "import os\n\nfrom blog.models import Article\n",
            "blog/__init__.py": "",
            "blog/models.py": "",
        },
    )
    assert order_violations(root) == [
        "core/mail.py:3: imports blog.models (core may not import it)"
    ]


def test_an_import_inside_a_function_is_reported(tmp_path):
    root = write(
        tmp_path,
        {
            "imaging/forms.py": "def f():\n    import accounts.models\n",
            "accounts/models.py": "",
        },
    )
    assert order_violations(root) == [
        "imaging/forms.py:2: imports accounts.models (imaging may not import it)"
    ]


def test_an_upward_import_in_a_migration_is_reported(tmp_path):
    root = write(tmp_path, {"blog/migrations/0001_initial.py": "import comments\n"})
    assert order_violations(root) == [
        "blog/migrations/0001_initial.py:1: imports comments (blog may not import it)"
    ]


def test_comments_and_editorial_may_not_import_each_other(tmp_path):
    root = write(
        tmp_path,
        {
            "comments/views.py": "from editorial.workflow import publish\n",
            "editorial/checks.py": "from comments import spam\n",
        },
    )
    assert order_violations(root) == [
        "comments/views.py:1: imports editorial.workflow (comments may not import it)",
        "editorial/checks.py:1: imports comments (editorial may not import it)",
    ]


def test_imports_down_the_order_and_within_an_app_are_allowed(tmp_path):
    root = write(
        tmp_path,
        {
            "editorial/workflow.py": "from blog.models import Article\n"
            "from core import mail\nfrom . import tasks\n",
            "editorial/tasks.py": "",
            "demo/loader.py": "import comments.services\nimport editorial.workflow\n",
            "config/urls.py": "from demo import loader\n",
        },
    )
    assert order_violations(root) == []


def test_relative_imports_are_resolved_to_absolute_modules(tmp_path):
    root = write(
        tmp_path,
        {
            "comments/__init__.py": "",
            "comments/views/__init__.py": "from .posting import create\n",
            "comments/views/posting.py": "from .. import services\n"
            "from ..models import Comment\n",
            "comments/services.py": "",
            "comments/models.py": "",
        },
    )
    assert import_graph(root)["comments.views.posting"] == {
        "comments.services",
        "comments.models",
    }
    assert import_graph(root)["comments.views"] == {"comments.views.posting"}


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    root = write(
        tmp_path,
        {
            "blog/views.py": "from . import feeds\n",
            "blog/feeds.py": "def f():\n    from .search import q\n",
            "blog/search.py": "from blog.views import ArticleDetailView\n",
        },
    )
    assert find_cycle(import_graph(root)) == [
        "blog.feeds",
        "blog.search",
        "blog.views",
        "blog.feeds",
    ]


def test_an_acyclic_graph_has_no_cycle():
    graph = {"a": {"b", "c"}, "b": {"c"}, "c": set()}
    assert find_cycle(graph) is None
