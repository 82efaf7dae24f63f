"""The migrations describe the models as they are, and name no folder of the
machine they were made on."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
ABSOLUTE_PATH = re.compile(r"""['"]/(tmp|home|root|work|var|usr)/""")


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_no_migration_names_an_absolute_path():
    named = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/migrations/*.py")
        if ABSOLUTE_PATH.search(path.read_text())
    ]
    assert named == []
