"""Two-factor sign-in on the site: the code after the password, recovery codes,
the throttle, and an author turning it on and off."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import totp_code

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")
OFF = reverse("accounts:two_factor_off")
ACCOUNT = reverse("accounts:account")
LOCKED = "Too many failed sign-ins; try again in 15 minutes."


@pytest.fixture
def writer(applicant):
    """An account with an authenticator app; its recovery codes on `.codes`."""
    device = TOTPDevice.objects.create(user=applicant, name="Phone")
    applicant.codes = two_factor.new_recovery_codes(user=applicant)
    applicant.device = device
    return applicant


def sign_in(client, user, password="correct horse"):
    return client.post(LOGIN, {"username": user.username, "password": password})


def wrong_code(device):
    return f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"


def test_the_password_alone_does_not_sign_in_when_two_factor_is_on(client, writer):
    response = sign_in(client, writer)
    assert response["Location"] == f"{VERIFY}?next=%2Faccounts%2F"
    assert "_auth_user_id" not in client.session


def test_the_right_code_after_the_password_signs_in(client, writer):
    sign_in(client, writer)
    response = client.post(VERIFY, {"code": totp_code(writer.device)})
    assert response["Location"] == ACCOUNT
    assert client.session["_auth_user_id"] == str(writer.pk)


def test_a_wrong_code_is_refused(client, writer):
    sign_in(client, writer)
    response = client.post(VERIFY, {"code": wrong_code(writer.device)})
    assert "This code is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_are_throttled_and_a_right_password_does_not_reset_them(
    client, writer
):
    for n in range(3):  # from three addresses: the lock is the account's
        address = {"REMOTE_ADDR": f"192.0.2.{n}"}
        client.post(
            LOGIN, {"username": writer.username, "password": "correct horse"}, **address
        )
        for _ in range(2):
            client.post(VERIFY, {"code": wrong_code(writer.device)}, **address)
    address = {"REMOTE_ADDR": "198.51.100.1"}
    client.post(
        LOGIN, {"username": writer.username, "password": "correct horse"}, **address
    )
    response = client.post(VERIFY, {"code": totp_code(writer.device)}, **address)
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client):
    assert client.get(VERIFY)["Location"] == LOGIN


def test_a_recovery_code_signs_in_once(client, writer):
    code = writer.codes[0]
    sign_in(client, writer)
    client.post(VERIFY, {"code": code})
    assert client.session["_auth_user_id"] == str(writer.pk)
    client.post(reverse("logout"))
    sign_in(client, writer)
    response = client.post(VERIFY, {"code": code})
    assert "This code is not right." in response.content.decode()
    assert two_factor.recovery_codes_left(writer) == 9


def test_a_next_to_another_site_is_not_followed_after_the_code(client, writer):
    sign_in(client, writer)
    response = client.post(
        VERIFY, {"code": totp_code(writer.device), "next": "https://evil.example/"}
    )
    assert response["Location"] == ACCOUNT


def test_an_author_turns_it_on_from_the_account_page(client, applicant):
    client.force_login(applicant)
    assert SETUP in client.get(ACCOUNT).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=applicant)
    client.post(SETUP, {"code": totp_code(device)})
    assert two_factor.is_on(applicant)
    assert OFF in client.get(ACCOUNT).content.decode()


def test_turning_it_off_needs_the_password(client, writer):
    sign_in(client, writer)
    client.post(VERIFY, {"code": writer.codes[0]})
    response = client.post(OFF, {"password": "wrong", "code": writer.codes[1]})
    assert "This is not your password." in response.content.decode()
    assert two_factor.is_on(writer)


def test_turning_it_off_with_the_password_and_a_code_lets_the_password_alone_in(
    client, writer
):
    sign_in(client, writer)
    client.post(VERIFY, {"code": writer.codes[0]})
    response = client.post(OFF, {"password": "correct horse", "code": writer.codes[1]})
    assert response["Location"] == ACCOUNT
    assert not two_factor.is_on(writer)
    client.post(reverse("logout"))
    assert sign_in(client, writer)["Location"] == ACCOUNT


def test_new_recovery_codes_replace_the_old_ones(client, writer):
    sign_in(client, writer)
    client.post(VERIFY, {"code": totp_code(writer.device)})
    client.post(reverse("accounts:two_factor_codes"), {"renew": ""})
    page = client.get(reverse("accounts:two_factor_codes")).content.decode()
    assert writer.codes[0] not in page
    assert two_factor.recovery_codes_left(writer) == 10


def test_recovery_codes_download_as_a_text_file(client, applicant):
    client.force_login(applicant)
    client.get(SETUP)
    client.post(SETUP, {"code": totp_code(TOTPDevice.objects.get(user=applicant))})
    response = client.get(reverse("accounts:two_factor_codes") + "?download=1")
    assert response["Content-Disposition"] == (
        'attachment; filename="recovery-codes.txt"'
    )
    assert len(response.content.decode().split()) == 10


def test_a_reader_signed_in_who_signs_in_to_the_admin_as_staff_is_asked_the_staffs_code(
    client, writer, registrant
):
    writer.is_staff = True
    writer.save(update_fields=["is_staff"])
    client.force_login(registrant)
    client.post(
        reverse("admin:login"),
        {"username": writer.username, "password": "correct horse"},
    )
    client.post(VERIFY, {"code": totp_code(writer.device)})
    assert client.session["_auth_user_id"] == str(writer.pk)
