"""What the importer keeps between items: small maps from WordPress ids to
Folio rows, and the `ImportedItem` keys that make a second run update
instead of duplicating.

Each item is imported in its own transaction; when one fails and is rolled
back, the map entries it added go with it (`Maps.undo`), so a later item
never points at a row that does not exist.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from ..models import ImportedItem, ImportRun
from ..records import Site
from ..report import Report

Kind = ImportedItem.Kind


class ItemSkipped(Exception):
    """An item left out on purpose; the message says why, for the report."""


class Maps:
    """WordPress key → Folio pk, per kind, with a journal of the current item's
    additions."""

    def __init__(self):
        self._maps: dict[str, dict] = {}
        self._added: list[tuple[str, object]] = []

    def get(self, kind: str, key):
        return self._maps.get(kind, {}).get(key)

    def set(self, kind: str, key, value) -> None:
        per_kind = self._maps.setdefault(kind, {})
        if key not in per_kind:
            self._added.append((kind, key))
        per_kind[key] = value

    def keep(self) -> None:
        """The current item was committed: its entries stay."""
        self._added.clear()

    def undo(self) -> None:
        """The current item was rolled back: forget what it added."""
        for kind, key in self._added:
            self._maps[kind].pop(key, None)
        self._added.clear()


@dataclass
class Context:
    run: ImportRun
    uploads: object  # wordpress.media.Uploads
    has_media: bool
    author_map: dict[str, str]
    dry_run: bool
    report: Report = field(default_factory=Report)
    maps: Maps = field(default_factory=Maps)
    site: Site | None = None
    # Negative ids stand for images a dry run checked but did not store.
    dry_image_ids: int = 0

    @property
    def site_key(self) -> str:
        return self.run.site

    def imported(self, kind: str, wp_id, model):
        """The row a former run made of this WordPress item, or None."""
        object_id = (
            ImportedItem.objects.filter(
                site=self.site_key,
                kind=kind,
                wp_id=str(wp_id),
                content_type=ContentType.objects.get_for_model(model),
            )
            .values_list("object_id", flat=True)
            .first()
        )
        if object_id is None:
            return None
        return model._default_manager.filter(pk=object_id).first()

    def record(self, kind: str, wp_id, target) -> None:
        """Remember that `target` was made of this WordPress item."""
        ImportedItem.objects.update_or_create(
            site=self.site_key,
            kind=kind,
            wp_id=str(wp_id),
            defaults={
                "content_type": ContentType.objects.get_for_model(target),
                "object_id": target.pk,
            },
        )
