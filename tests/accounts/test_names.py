"""Names readers see carry no bidirectional controls to reorder a page."""

import pytest
from django.core.exceptions import ValidationError

from accounts.forms import ProfileForm, readable_name
from core.text import without_bidi_controls

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"


def test_the_right_to_left_override_is_removed():
    assert without_bidi_controls(f"Ada {RLO}moc.elgoog{PDF}") == "Ada moc.elgoog"


def test_isolates_and_marks_are_removed():
    assert without_bidi_controls("a\u2066b\u2069c\u200fd\u061ce") == "abcde"


def test_letters_of_right_to_left_scripts_are_kept():
    assert without_bidi_controls("سلام עולם") == "سلام עולם"


def test_a_name_of_bidi_controls_only_is_refused():
    with pytest.raises(ValidationError, match="Enter the name readers will see"):
        readable_name(f"{RLO}{PDF} ")


def test_the_profile_form_stores_the_name_without_controls(applicant):
    form = ProfileForm(
        {"display_name": f"Ada{RLO} Tide", "bio": ""}, instance=applicant.author
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["display_name"] == "Ada Tide"
