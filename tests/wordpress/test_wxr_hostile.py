"""Hostile and broken exports: each ends in an `ExportError` that says why,
never a traceback, and nothing outside the file is ever read.

Records before a fault are yielded first (the importer keeps them). Last,
Hypothesis breaks a good export at random places, and puts any text in any
field: still only records or an `ExportError`.
"""

import io
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wordpress.records import Item, Site
from wordpress.wxr import ExportError, read_export

from .test_wxr import WORDPRESS_1_0, WORDPRESS_1_2, everything, export, item_xml
from .wxr_builder import wxr_bytes

SECRET = "s3cr3t-0f-th3-s3rv3r"


def read(data: bytes) -> list:
    return list(read_export(io.BytesIO(data)))


def refused(data: bytes) -> tuple[str, list]:
    """The ExportError's message, and the records yielded before it."""
    found = []
    with pytest.raises(ExportError) as error:
        for record in read_export(io.BytesIO(data)):
            found.append(record)
    return str(error.value), found


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def entity_attacks(path) -> dict[str, bytes]:
    uri = path.as_uri()
    wp = 'xmlns:wp="http://wordpress.org/export/1.2/"'
    return {
        "external entity": f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "{uri}">]>
<rss {wp}><channel><title>&secret;</title><item><title>&secret;</title></item>
</channel></rss>""",
        "parameter entity": f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % secret SYSTEM "{uri}"> %secret;]>
<rss {wp}><channel><title>x</title></channel></rss>""",
        "external DTD": f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "{uri}">
<rss {wp}><channel><title>x</title></channel></rss>""",
        "remote DTD": f"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//x//y" "http://192.0.2.1/evil.dtd">
<rss {wp}><channel><title>x</title></channel></rss>""",
    }


@pytest.mark.parametrize(
    "attack", ["external entity", "parameter entity", "external DTD", "remote DTD"]
)
def test_entities_and_dtds_are_refused_unread(secret_file, attack):
    data = entity_attacks(secret_file)[attack].encode()
    message, found = refused(data)
    assert "document type" in message
    assert found == []
    assert SECRET not in message


def test_the_secret_appears_nowhere_even_in_a_good_looking_export(secret_file):
    """An export that would show an entity in the site's title and an item."""
    uri = secret_file.as_uri()
    data = WORDPRESS_1_2.replace(
        b"<rss",
        f'<!DOCTYPE rss [<!ENTITY secret SYSTEM "{uri}">]>\n<rss'.encode(),
        1,
    ).replace(b"<title>Old Blog</title>", b"<title>&secret;</title>")
    message, found = refused(data)
    assert SECRET not in message + repr(found)


def laughs(levels: int, fan_out: int = 10) -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * fan_out}">' for n in range(1, levels)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        + "\n".join(entities)
        + f'\n]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<title>&lol{levels - 1};</title></channel></rss>"
    ).encode()


def test_a_billion_laughs_are_refused_at_once():
    started = time.perf_counter()
    message, found = refused(laughs(10))
    assert time.perf_counter() - started < 0.5
    assert "document type" in message and found == []


def test_a_quadratic_blowup_is_refused_at_once():
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "'
        + "x" * 50_000
        + '">]>\n<rss><channel><title>'
        + "&a;" * 50_000
        + "</title></channel></rss>"
    ).encode()
    started = time.perf_counter()
    message, _ = refused(data)
    assert time.perf_counter() - started < 0.5
    assert "document type" in message


def test_an_html_page_is_named_as_such():
    message, _ = refused(b"<!DOCTYPE html>\n<html><body>Log in</body></html>")
    assert message == "This is a web page (HTML), not a WordPress export."


# Broken XML.


def test_malformed_xml_says_where_and_keeps_the_records_before():
    good = b"<wp:post_id>11</wp:post_id>"
    broken = WORDPRESS_1_2.replace(good, b"<wp:post_id>11</wp:postid>")
    message, found = refused(broken)
    line = WORDPRESS_1_2[: WORDPRESS_1_2.index(good)].count(b"\n") + 1
    assert f"not well-formed XML: mismatched tag at line {line}, column 19" in message
    assert [type(record).__name__ for record in found] == [
        "Site", "Author", "Term", "Term", "Term", "Term", "Item",
    ]  # fmt: skip
    assert found[-1].wp_id == 10


def test_a_bare_ampersand_is_malformed_xml_not_an_encoding_fault():
    message, _ = refused(export(item_xml("<title>Cats & dogs</title>")))
    assert "not well-formed XML: not well-formed (invalid token) at line" in message


def test_a_file_cut_short_says_so():
    message, found = refused(WORDPRESS_1_2[: len(WORDPRESS_1_2) * 2 // 3])
    assert "cut short" in message
    assert isinstance(found[0], Site)


def test_line_numbers_count_the_blank_lines_skipped_before_the_declaration():
    data = export(item_xml("<title>x</titl>"))
    line = data[: data.index(b"</titl>")].count(b"\n") + 1
    message, _ = refused(b"\n\n\n" + data)
    assert f"at line {line + 3}," in message


def test_text_after_the_end_of_the_export_is_malformed_but_all_is_read():
    message, found = refused(WORDPRESS_1_2 + b"<br />\n<b>Warning</b>: headers")
    assert "junk after document element" in message
    assert found == read(WORDPRESS_1_2)


# Encodings.


def test_latin_1_bytes_in_a_file_that_says_utf_8():
    data = export(item_xml("<title>Café</title>"))
    data = data.replace("Café".encode(), "Café".encode("latin-1"))
    message, found = refused(data)
    line = data[: data.index(b"Caf")].count(b"\n") + 1
    assert message == (
        f"The file's encoding does not match its declaration: it says it is "
        f"UTF-8, but line {line} holds bytes that are not UTF-8 (perhaps Latin-1 "
        f"or Windows-1252). Save it again as UTF-8 (as WordPress writes its "
        f"exports) and retry."
    )
    assert isinstance(found[0], Site)


def test_latin_1_bytes_in_a_file_that_declares_nothing():
    data = WORDPRESS_1_0.replace(b' encoding="UTF-8"', b"")
    data = data.replace(b"Hello world!", "Olá".encode("latin-1"))
    message, _ = refused(data)
    assert "it declares no encoding, so it must be UTF-8, but line" in message


def test_latin_1_bytes_far_into_a_large_file(tmp_path):
    site, authors, terms, posts = everything("1.2")
    data = wxr_bytes(site, authors, terms, posts * 400)
    fault = data.index(b"<![CDATA[About]]>", len(data) // 2)
    data = data[:fault] + b"<![CDATA[\xc0bout]]>" + data[fault + 17 :]
    message, found = refused(data)
    assert f"line {data[:fault].count(b'\n') + 1} holds bytes" in message
    assert len(found) > 500


@pytest.mark.parametrize("name", ["utf-9", "klingon", "rot13", "base64"])
def test_an_encoding_that_does_not_exist(name):
    data = WORDPRESS_1_2.replace(b"UTF-8", name.encode())
    message, _ = refused(data)
    assert message.startswith(
        f"The file's encoding does not match its declaration: its first line "
        f"names the encoding “{name}”, which does not exist."
    )


def test_an_encoding_the_parser_cannot_read():
    data = WORDPRESS_1_2.replace(b"UTF-8", b"Shift_JIS")
    message, _ = refused(data)
    assert message.startswith("The file declares the encoding “Shift_JIS”")


def test_utf_16_declared_over_bytes_of_one_byte_each():
    message, _ = refused(WORDPRESS_1_2.replace(b"UTF-8", b"UTF-16"))
    assert "encoding does not match its declaration" in message
    assert "UTF-16" in message


# Not a WordPress export.


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty"),
        (b" \n\t\n", "The file is empty"),
        (b"\xef\xbb\xbf", "The file is empty"),
        (b"PK\x03\x04\x14\x00rest of a zip", "compressed archive"),
        (b"\x1f\x8b\x08\x00gzip", "compressed archive"),
        (b"title,date\nHello,2020\n", "not XML, so not a WordPress export: it begins"),
        (b"\nWarning: Cannot modify header information", "not XML"),
        (b"<br />\n<b>Warning</b>: Cannot modify", "it is a <br>"),
        (
            b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
            "it is a <feed>, where a WordPress export (WXR) is an <rss> feed",
        ),
        (b"<html><body>hi</body></html>", "it is a <html>"),
        (b'<rss version="2.0"></rss>', "no <channel>"),
        (b"<rss><title>x</title></rss>", "no <channel>"),
        (
            b"<rss><channel><title>News</title><item><title>a</title></item>"
            b"</channel></rss>",
            "This RSS feed is not a WordPress export",
        ),
        (
            b'<rss xmlns:wp="http://example.org/wp/"><channel><title>x</title>'
            b"</channel></rss>",
            "This RSS feed is not a WordPress export",
        ),
    ],
)
def test_files_that_are_not_wordpress_exports(data, expected):
    message, found = refused(data)
    assert expected in message
    assert found == []


# Hypothesis: whatever happens to a good export, records or ExportError.

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI", "").lower() not in ("", "0", "false"),
    suppress_health_check=[HealthCheck.too_slow],
)
GOOD = wxr_bytes(*everything("1.2"))
TRICKY_BYTES = [b"<", b">", b"&", b"]]>", b"<![CDATA[", b"\x00", b"\xff", b"\xc3",
                b"&#0;", b"&#xD800;", b"&bogus;", b"</item>", b"<item>", b'"',
                b"<!DOCTYPE x>", b"<?pi?>", b"<!--", b"-->", b"\n"]  # fmt: skip


def only_records_or_export_error(data: bytes) -> None:
    try:
        for record in read_export(io.BytesIO(data)):
            assert isinstance(record, Site | Item) or record.__class__.__module__ == (
                "wordpress.records"
            )
    except ExportError as error:
        assert str(error)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(GOOD)),
            st.integers(0, 20),
            st.one_of(st.binary(max_size=8), st.sampled_from(TRICKY_BYTES)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_export_gives_records_or_an_export_error(edits):
    data = GOOD
    for at, cut, insert in edits:
        data = data[:at] + insert + data[at + cut :]
    only_records_or_export_error(data)


XML_TEXT = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff\r",
    ),
    max_size=40,
) | st.sampled_from(
    ["", "0", "-1", "1e9", "99999999999999999999", "0000-00-00 00:00:00",
     "9999-12-31 23:59:59+14:00", "2020-02-30", "%", "%zz", "%c3", "%ff%fe"]
)  # fmt: skip
FIELDS = ["wp:post_id", "wp:post_date_gmt", "wp:post_date", "wp:post_name",
          "wp:post_parent", "wp:menu_order", "wp:is_sticky", "wp:status",
          "wp:post_type", "title", "dc:creator"]  # fmt: skip


@FUZZ
@given(values=st.fixed_dictionaries({field: XML_TEXT for field in FIELDS}))
def test_any_text_in_any_field_gives_records(values):
    from xml.sax.saxutils import escape

    fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in values.items())
    comment = (
        f"<wp:comment><wp:comment_id>{escape(values['wp:post_id'])}</wp:comment_id>"
        f"<wp:comment_date_gmt>{escape(values['wp:post_date'])}"
        "</wp:comment_date_gmt></wp:comment>"
    )
    body = (
        f"<wp:category><wp:term_id>{escape(values['wp:menu_order'])}</wp:term_id>"
        f"<wp:category_nicename>{escape(values['wp:post_name'])}"
        "</wp:category_nicename></wp:category>"
        f"<item>{fields}{comment}</item>"
    )
    records = read(export(body))
    assert isinstance(records[-1], Item)
