"""Folio's Bootstrap subset (static/scss/bootstrap.scss) is current and complete.

Complete: every Bootstrap class named in our templates, or in the
crispy-bootstrap5 templates our forms render through, is in the built file.
Current: the built file is what its Sass source builds (`npm run build:css`).
"""

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import crispy_bootstrap5
import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBSET = ROOT / "static" / "css" / "bootstrap.min.css"
SOURCE = ROOT / "static" / "scss" / "bootstrap.scss"
FULL = ROOT / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.min.css"
SASS = ROOT / "node_modules" / ".bin" / "sass"
CRISPY = Path(crispy_bootstrap5.__file__).parent / "templates" / "bootstrap5"
# Layouts none of our forms use (FormHelper layouts are Field, Div and HTML).
UNUSED_CRISPY = re.compile(r"modal|accordion|tab")
# Classes set in Python or by the message framework, not in a template.
FROM_PYTHON = {
    "font-monospace",  # editorial.forms: the Markdown source
    "col-12",  # comments.moderation_forms
    *(f"alert-{level}" for level in ("info", "success", "warning", "danger")),
}


def css_classes(css: str) -> set[str]:
    """Every class a stylesheet's selectors name."""
    selectors = re.sub(r"\{[^{}]*\}", "{}", css)  # drop declarations
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selectors))


def template_classes(html: str) -> set[str]:
    """Classes in `class="…"` attributes and in crispy's `'class' '…'` arguments.

    Template tags inside an attribute are dropped; quoted strings in them
    (`{% if … %} 'form-check-input is-invalid'`) are kept.
    """
    found = set()
    for attribute in re.findall(r'class="([^"]*)"', html):
        quoted = re.findall(r"'([^']*)'", attribute)
        plain = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", attribute)
        for chunk in [plain, *quoted]:
            found |= set(chunk.split())
    for argument in re.findall(r"'class' '([^']*)'", html):
        found |= set(argument.split())
    return found


def used_classes() -> set[str]:
    ours = [
        path
        for path in (ROOT / "templates").rglob("*.html")
        if not {"admin", "email"} & set(path.parts)  # the admin's CSS; mail
    ]
    crispy = [p for p in CRISPY.rglob("*.html") if not UNUSED_CRISPY.search(p.name)]
    found = set(FROM_PYTHON)
    for path in [*ours, *crispy]:
        found |= template_classes(path.read_text())
    return found


def test_the_subset_has_every_bootstrap_class_the_templates_use():
    bootstrap = css_classes(FULL.read_text())
    missing = (used_classes() & bootstrap) - css_classes(SUBSET.read_text())
    assert not missing, (
        f"Not in {SUBSET.relative_to(ROOT)}: {sorted(missing)}; import their "
        f"part of Bootstrap in {SOURCE.relative_to(ROOT)} and npm run build:css"
    )


@pytest.mark.skipif(
    not SASS.exists() or not shutil.which("node"),
    reason="Sass is a development dependency: npm ci",
)
def test_the_subset_is_what_its_sass_source_builds(tmp_path):
    """package.json's build:css, writing to a temporary file instead."""
    script = json.loads((ROOT / "package.json").read_text())["scripts"]["build:css"]
    program, *options, source, _output = shlex.split(script)
    assert program == "sass"
    built = tmp_path / "bootstrap.min.css"
    subprocess.run([SASS, *options, source, built], cwd=ROOT, check=True)
    assert built.read_bytes() == SUBSET.read_bytes(), "run: npm run build:css"
