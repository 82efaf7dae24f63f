"""An editor moves a WordPress site in from the admin, in a browser: the
upload, the progress page with its report, and the imported article."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.wordpress.conftest import alice_author, comment, old_site, post
from tests.wordpress.wxr_builder import wxr_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def export(tmp_path):
    site, alice = old_site(), alice_author()
    items = [
        post(
            1,
            title="Notes from the old site",
            slug="notes",
            comments=[comment(1, content="Glad you moved.")],
        )
    ]
    path = tmp_path / "old-blog.xml"
    path.write_bytes(wxr_bytes(site, [alice], [], items))
    return path


def test_an_editor_imports_an_export_and_reads_its_report(page, live_server, export):
    editor = UserFactory(is_staff=True, groups=["Editors"])
    sign_in(page, live_server, editor)
    page.goto("/admin/wordpress/importrun/add/")
    page.get_by_label("WordPress export (WXR)").set_input_files(export)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".import-status")).to_contain_text("Done")
    report = page.get_by_role("table", name="What came across")
    expect(report.get_by_role("row", name="Post")).to_contain_text("1")
    expect(report.get_by_role("row", name="Comment")).to_contain_text("1")
    page.goto("/articles/notes/")
    expect(page.get_by_text("Glad you moved.")).to_be_visible()
