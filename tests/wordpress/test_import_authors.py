import io

import pytest

from accounts.models import Author, User
from core.permissions import AUTHORS
from tests.factories import AuthorFactory, UserFactory
from wordpress.importer import read_author_map
from wordpress.records import Author as AuthorRecord

from .conftest import post

pytestmark = pytest.mark.django_db


def test_each_author_gets_an_account_and_a_profile(import_records, alice, bob):
    run = import_records([], channel=[alice, bob])
    assert set(Author.objects.values_list("display_name", flat=True)) == {
        "Alice",
        "Bob",
    }
    assert run.counts["author"] == {"imported": 2}


def test_an_imported_author_cannot_sign_in_until_a_password_reset(
    import_records, client
):
    import_records([])
    user = User.objects.get(username="alice")
    assert not user.has_usable_password()
    assert not client.login(username="alice", password="")


def test_an_imported_author_is_not_staff_and_joins_the_authors(import_records):
    import_records([])
    user = User.objects.get(username="alice")
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [AUTHORS]


def test_an_author_with_the_email_of_an_account_is_matched_to_it(
    import_records, alice, bob
):
    existing = AuthorFactory(user__email="bob@mail.example")
    run = import_records([post(1, creator="bob")], channel=[alice, bob])
    assert User.objects.count() == 2
    assert existing.articles.count() == 1
    assert run.counts["author"] == {"imported": 1, "matched": 1}


def test_an_account_matched_without_a_profile_gets_one(import_records, alice):
    user = UserFactory(email="ALICE@old.example")
    import_records([])
    assert Author.objects.get().user == user


def test_the_author_map_names_the_account_by_username_or_email(
    import_records, alice, bob
):
    ann = AuthorFactory(user__username="ann")
    ben = AuthorFactory(user__email="ben@new.example")
    author_map = {"alice": "ann", "bob": "ben@new.example"}
    import_records(
        [post(1), post(2, creator="bob")],
        channel=[alice, bob],
        author_map=author_map,
    )
    assert (ann.articles.get().title, ben.articles.get().title) == ("Post 1", "Post 2")


def test_an_author_map_naming_nobody_is_warned_and_the_author_made(
    import_records,
):
    run = import_records([], author_map={"alice": "nobody"})
    assert User.objects.get().username == "alice"
    assert "names “nobody”, which is no account here" in run.warnings[0]["message"]


def test_a_login_an_account_already_has_gets_a_number(import_records):
    UserFactory(username="alice", email="other@example.com")
    import_records([])
    assert Author.objects.get().user.username == "alice-2"


def test_an_invalid_author_email_is_not_kept(import_records):
    record = AuthorRecord(wp_id=3, login="carl", email="nope", display_name="Carl")
    run = import_records([], channel=[record])
    assert User.objects.get().email == ""
    assert run.warnings[0]["wp_id"] == "carl"


def test_an_item_by_an_author_the_channel_does_not_list_makes_one(
    import_records,
):
    run = import_records([post(1, creator="dora")])
    assert Author.objects.get(user__username="dora").articles.count() == 1
    assert "not among the export's authors" in run.warnings[0]["message"]


def test_the_author_map_is_read_from_two_columns_with_or_without_a_header():
    lines = io.StringIO("wordpress_login,folio_user\nalice, ann\n\nbob,b@x.example\n")
    assert read_author_map(lines) == {"alice": "ann", "bob": "b@x.example"}


def test_an_author_map_row_of_three_values_names_its_line():
    with pytest.raises(ValueError, match="line 2 of the author map has 3 values"):
        read_author_map(io.StringIO("alice,ann\nbob,ben,extra\n"))
