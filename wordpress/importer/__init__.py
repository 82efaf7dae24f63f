"""The WordPress importer: records from `wxr.read_export()` → Folio's rows.

One module per kind of thing (authors, terms, images, articles, pages,
comments); `run` reads the export and imports each item in its own
transaction.
"""

from ..author_map import read_author_map
from .run import run_import

__all__ = ["read_author_map", "run_import"]
