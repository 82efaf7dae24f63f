"""The README's configuration table names exactly what the settings read."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = {"bool", "int", "float", "list"}


def table_variables(readme: str) -> list[str]:
    """The variables in the first column of the Configuration table, in order."""
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    names = []
    for row in rows[2:]:  # after the header and its separator
        first_cell = row.split("|")[1]
        names += re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell)
    return names


def is_env_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "env"
    return (
        isinstance(func, ast.Attribute)
        and func.attr in READERS
        and isinstance(func.value, ast.Name)
        and func.value.id == "env"
    )


def settings_variables(folder: Path) -> set[str]:
    """Every variable read with `env(…)` or `env.<type>(…)` in the settings."""
    names = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if is_env_call(node) and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
    return names


def readme_table() -> list[str]:
    return table_variables((ROOT / "README.md").read_text())


def test_the_configuration_table_names_the_variables_the_settings_read():
    settings = settings_variables(ROOT / "config" / "settings")
    assert set(readme_table()) == settings


def test_the_configuration_table_names_each_variable_once():
    names = readme_table()
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_the_settings_reader_finds_each_kind_of_env_call(tmp_path):
    (tmp_path / "base.py").write_text(
        'A = env("A_TEXT", "x")\n'
        'B = {"port": env.int("B_PORT", 25), "on": env.bool("B_ON", False)}\n'
        'C = env.list("C_HOSTS")\nD = env.float("D_SECONDS", 3.0)\n'
        'E = os.environ.get("NOT_THROUGH_ENV")\n'
    )
    assert settings_variables(tmp_path) == {
        "A_TEXT",
        "B_PORT",
        "B_ON",
        "C_HOSTS",
        "D_SECONDS",
    }


def test_the_table_reader_takes_names_from_the_first_column_only():
    readme = (
        "# X\n\n## Configuration\n\nText naming `NOT_A_ROW`.\n\n"
        "| variable | meaning | default |\n| --- | --- | --- |\n"
        "| `A_ONE`, `A_TWO` | like `NOT_THIS` | `1` |\n"
        "| `B_ONE` | b | none |\n\n## Next\n\n| `C_LATER` | c | d |\n"
    )
    assert table_variables(readme) == ["A_ONE", "A_TWO", "B_ONE"]
