import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from blog.pages import SITE_PAGES_KEY
from core import pagecache

from .factories import AuthorFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def author(db):
    return AuthorFactory(user__is_staff=True)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: no cached page, and no throttle or
    "sent lately" mark left by an earlier test (tests share one process's
    memory, and in CI one Redis database)."""
    caches["default"].clear()
    caches["pages"].clear()
    pagecache.forget_recent()
    # A test's database has no site pages yet, and the cached menu says so, as
    # on a running site (its one query when the cache lost it is counted in
    # tests/blog/test_pages_menu.py).
    caches["default"].set(SITE_PAGES_KEY, {"footer": [], "privacy_url": None})


@pytest.fixture
def moderator_user(db):
    return UserFactory(groups=["Moderators"])


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(staff)` stands for a whole sign-in, password and
    code: the session is marked as verified by an authenticator app, as the
    second step marks it. `client.login()` signs in with the password alone,
    which the admin refuses (tests/accounts/test_two_factor_admin.py)."""
    force_login = Client.force_login

    def force_login_with_a_code(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff:
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, confirmed=True, defaults={"name": "Test app"}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_a_code)
