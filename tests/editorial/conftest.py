import pytest

from tests.factories import AuthorFactory


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def writer():
    """A member of the authors team, email verified."""
    return AuthorFactory(user__groups=["Authors"], user__email_verified=True)


@pytest.fixture
def signed_in(client, writer):
    client.force_login(writer.user)
    return client
