"""Reading a WordPress export (WXR) as `records`, one at a time.

`read_export(path or binary file)` yields the channel's `Site` first, then
its authors and terms, then each item, in the file's order
(`wxr_elements` says what each element becomes). It streams: defusedxml's
iterparse, and every element dropped once read, so memory stays flat
whatever the file's size (one item and its comments at a time).

A file that cannot be read raises `ExportError`, whose message is for people:
malformed XML (with its line), a DTD or entity declaration (refused unread,
which shuts out external entities and entity expansion), bytes that are not
in the encoding the file declares, or a file that is not a WordPress export.
Records before the fault have already been yielded.
"""

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import ParseError, iterparse

from .wxr_elements import ChannelReader, ExportError, Record

__all__ = ["ExportError", "read_export"]

# An encoding's name as XML allows it (EncName); any other is a syntax error.
DECLARED_ENCODING = re.compile(
    rb"<\?xml[^>]*?\sencoding\s*=\s*([\"'])([A-Za-z][A-Za-z0-9._-]*)\1"
)
# Encodings expat reads itself; any other must be one byte a character.
EXPAT_ENCODINGS = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "iso8859-1"}
_ERROR = expat.errors.codes
ENCODING_ERRORS = {
    _ERROR[expat.errors.XML_ERROR_UNKNOWN_ENCODING],
    _ERROR[expat.errors.XML_ERROR_INCORRECT_ENCODING],
}
# What the parser says when the file ends in the middle of the XML.
CUT_SHORT = {
    _ERROR[getattr(expat.errors, name)]
    for name in (
        "XML_ERROR_NO_ELEMENTS",
        "XML_ERROR_UNCLOSED_TOKEN",
        "XML_ERROR_PARTIAL_CHAR",
        "XML_ERROR_UNCLOSED_CDATA_SECTION",
    )
}
SAVE_AS_UTF8 = "Save it again as UTF-8 (as WordPress writes its exports) and retry."


def read_export(source: str | Path | BinaryIO) -> Iterator[Record]:
    """The export's records, in the file's order; see the module's docstring."""
    if isinstance(source, str | Path):
        try:
            file = open(source, "rb")
        except OSError as error:
            raise ExportError(f"Cannot open {source}: {error.strerror}.") from None
        with file:
            yield from _read(file)
    else:
        yield from _read(source)


def _read(file) -> Iterator[Record]:
    source = _CheckedSource(file)
    reader = ChannelReader()
    events = ("start", "end", "start-ns")
    try:
        for event, value in iterparse(source, events=events, forbid_dtd=True):
            if event == "start":
                record = reader.start(value)
            elif event == "end":
                record = reader.end(value)
            else:
                record = reader.namespace(value[1])
            if record is not None:
                yield record
    except ParseError as error:
        raise source.parse_error(error) from None
    except DefusedXmlException as error:
        if isinstance(error, DTDForbidden) and (error.name or "").lower() == "html":
            raise ExportError(
                "This is a web page (HTML), not a WordPress export."
            ) from None
        raise ExportError(
            "The file declares a document type or entities (<!DOCTYPE …>), which "
            "a WordPress export never does. It is refused unread: such "
            "declarations can make a reader open other files or expand text "
            "without end."
        ) from None


class _CheckedSource:
    """The file's bytes on their way to the parser, checked against the
    encoding its XML declaration names (so a Latin-1 file that says UTF-8 is
    told apart from broken XML), and its first bytes against things that are
    not XML at all. Blank lines before `<?xml` (a classic of PHP exports) are
    skipped; the line numbers of errors still count them."""

    def __init__(self, file):
        self.file = file
        head = file.read(64 * 1024)
        if not head.removeprefix(codecs.BOM_UTF8).strip():
            raise ExportError("The file is empty: there is nothing to import.")
        if head.startswith((b"PK\x03\x04", b"\x1f\x8b")):
            raise ExportError(
                "This is a compressed archive (zip or gzip), not a WordPress "
                "export: unpack it and choose the .xml file inside."
            )
        self.skipped_lines = 0
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            start = head.decode("utf-16", "ignore").encode().lstrip()
            default = "utf-16"
        else:
            start = head.removeprefix(codecs.BOM_UTF8).lstrip()
            if start.startswith(b"<?xml") and not head.startswith(codecs.BOM_UTF8):
                self.skipped_lines = head[: len(head) - len(start)].count(b"\n")
                head = start
            default = "utf-8"
        match = DECLARED_ENCODING.match(start)
        self.declared = match[2].decode("ascii", "replace") if match else None
        self.encoding = self.declared or default
        if not start.startswith(b"<"):
            shown = start[:40].decode("utf-8", "replace").splitlines()[0]
            raise ExportError(
                f"This file is not XML, so not a WordPress export: it begins "
                f"with “{shown}”."
            )
        self.decoder = _decoder(self.encoding, self.declared)
        self.pending = head
        self.lines = self.skipped_lines  # newlines read so far
        self.fault_line = None  # the first line that is not in self.encoding
        self.ended = False  # the whole file has been read

    def read(self, size: int = -1) -> bytes:
        data, self.pending = (self.pending or self.file.read(size)), b""
        self.ended = not data
        if self.decoder is not None:
            try:
                self.lines += self.decoder.decode(data, final=not data).count("\n")
            except UnicodeDecodeError as error:
                before = error.object[: error.start].count(b"\n")
                self.fault_line = self.lines + before + 1
                self.decoder = None
        return data

    def parse_error(self, error: ParseError) -> ExportError:
        line, column = error.position
        line += self.skipped_lines
        if self.fault_line is not None and self.fault_line <= line:
            says = (
                f"it says it is {self.declared}"
                if self.declared
                else "it declares no encoding, so it must be UTF-8"
            )
            return ExportError(
                f"The file's encoding does not match its declaration: {says}, "
                f"but line {self.fault_line} holds bytes that are not "
                f"{self.encoding} (perhaps Latin-1 or Windows-1252). " + SAVE_AS_UTF8
            )
        if error.code in ENCODING_ERRORS:
            return ExportError(
                f"The file's encoding does not match its declaration "
                f"({self.encoding}). " + SAVE_AS_UTF8
            )
        if self.ended and error.code in CUT_SHORT:
            return ExportError(
                f"The file ends at line {line} before its XML does: it was "
                f"probably cut short. Export or download it again."
            )
        reason = expat.ErrorString(error.code)
        return ExportError(
            f"The file is not well-formed XML: {reason} at line {line}, column "
            f"{column + 1}. A WordPress export is XML, and this one is broken there."
        )


def _decoder(encoding: str, declared: str | None):
    """An incremental decoder for the encoding, or ExportError if no decoder
    (nor expat) can read it."""
    try:
        codec = codecs.lookup(encoding)
        known = codec._is_text_encoding
        one_byte = len("é中".encode(codec.name, "replace")) == 2
    except (LookupError, ValueError):
        known = False
    if not known:
        raise ExportError(
            f"The file's encoding does not match its declaration: its first "
            f"line names the encoding “{declared}”, which does not exist. "
            + SAVE_AS_UTF8
        )
    if codec.name not in EXPAT_ENCODINGS and not one_byte:
        raise ExportError(
            f"The file declares the encoding “{declared}”, which cannot be read "
            f"here. " + SAVE_AS_UTF8
        )
    return codec.incrementaldecoder()
