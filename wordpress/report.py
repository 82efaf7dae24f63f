"""An import's report: what happened to each kind of thing, and every warning.

The importer counts as it goes (`Report.count`, `Report.warn`) and copies
the report to its `ImportRun` (`Report.save_to`), so a progress page and the
admin read it from the run; `format_report()` writes it out for the command.
An item that fails part-way is rolled back, and so are its counts and
warnings (`snapshot`/`restore`), before it is reported as skipped.
"""

from django.utils.translation import gettext as _

from .models import ImportRun

IMPORTED, UPDATED, UNCHANGED, SKIPPED, WARNED = (
    "imported",
    "updated",
    "unchanged",
    "skipped",
    "warned",
)
OUTCOMES = (IMPORTED, UPDATED, UNCHANGED, SKIPPED, WARNED)
# Warnings kept word for word; beyond this many, only their number (the
# report is saved again at every progress step, and read on one page).
MAX_WARNINGS = 5_000


class Report:
    def __init__(self):
        self.counts: dict[str, dict[str, int]] = {}
        self.warnings: list[dict] = []
        self.warnings_left_out = 0

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        """Add `n` to a kind's outcome (imported, skipped…, or a kind's own
        tally, such as the sticky posts)."""
        if n:
            per_kind = self.counts.setdefault(kind, {})
            per_kind[outcome] = per_kind.get(outcome, 0) + n

    def warn(self, kind: str, wp_id, title: str, message: str) -> None:
        self.count(kind, WARNED)
        if len(self.warnings) >= MAX_WARNINGS:
            self.warnings_left_out += 1
            return
        self.warnings.append(
            {"kind": kind, "wp_id": wp_id, "title": title, "message": message}
        )

    def note(self, message: str) -> None:
        """A line about the whole import, not one item."""
        self.warnings.append({"kind": "", "wp_id": "", "title": "", "message": message})

    def snapshot(self):
        counts = {kind: dict(outcomes) for kind, outcomes in self.counts.items()}
        return counts, len(self.warnings), self.warnings_left_out

    def restore(self, snapshot) -> None:
        counts, kept, left_out = snapshot
        self.counts = counts
        del self.warnings[kept:]
        self.warnings_left_out = left_out

    def save_to(self, run: ImportRun, *, fields=()) -> None:
        """Copy the report to the run and save it with any other `fields`."""
        run.counts = self.counts
        run.warnings = list(self.warnings)
        if self.warnings_left_out:
            run.warnings.append(
                {
                    "kind": "",
                    "wp_id": "",
                    "title": "",
                    "message": _("%(n)s more warnings not kept.")
                    % {"n": self.warnings_left_out},
                }
            )
        run.save(update_fields=["counts", "warnings", "items_done", *fields])


def format_report(run: ImportRun) -> str:
    """The report as lines of text: the counts per kind, then each warning."""
    lines = [f"{run.source_name or run}: {run.get_status_display()}"]
    if run.dry_run:
        lines[0] += " " + _("(dry run: nothing was written)")
    if run.site:
        lines.append(_("WordPress site: %(site)s") % {"site": run.site})
    for kind, outcomes in sorted(run.counts.items()):
        known = [f"{outcomes[o]} {o}" for o in OUTCOMES if outcomes.get(o)]
        other = [f"{n} {name}" for name, n in outcomes.items() if name not in OUTCOMES]
        lines.append(f"  {kind}: {', '.join(known + other)}")
    if run.error:
        lines.append(_("Error: %(error)s") % {"error": run.error})
    if run.warnings:
        lines.append(_("Warnings:"))
    for warning in run.warnings:
        if warning["kind"]:
            title = f" “{warning['title']}”" if warning["title"] else ""
            where = f"{warning['kind']} {warning['wp_id']}{title}"
            lines.append(f"  {where}: {warning['message']}")
        else:
            lines.append(f"  {warning['message']}")
    return "\n".join(lines)
