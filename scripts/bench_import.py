"""How long importing a large WordPress export takes, and the memory it needs.

Generates a busy blog's export (WXR 1.2): 5,000 posts by 12 authors in 40
categories and 300 tags; 100,000 comments, from none to some 900 a post, in
threads up to four deep (some pending, spam, trashed, pingbacks); 2,000 image
attachments whose small, real JPEGs sit in a temporary `uploads/YYYY/MM/`
folder, with `<img>` of them in some bodies (some resized copies, some in
`[caption]`) and a featured image (`_thumbnail_id`) on others. `--quick`:
500 posts, 10,000 comments, 200 images. Then, on a fresh SQLite database
with production settings, as `make bench` builds its site:

    manage.py import_wordpress EXPORT.xml --media UPLOADS

timing its wall time and the peak resident memory of its process (the
rusage of that one child). Prints a Markdown table and writes the figures as
JSON (`--json`, default var/bench-import-results.json). `--generate-only`
stops after writing the export; `--keep` leaves the folder and says where.
"""

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unicodedata import normalize

from benchkit import PYTHON, ROOT, manage, shell, site_environment
from PIL import Image, ImageDraw

sys.path.insert(0, str(ROOT))
from tests.wordpress.wxr_builder import write_wxr  # noqa: E402
from wordpress.records import Author, Comment, Item, Site, Term  # noqa: E402

COMMAND = ROOT / "wordpress" / "management" / "commands" / "import_wordpress.py"
FULL = {"posts": 5_000, "comments": 100_000, "images": 2_000}
QUICK = {"posts": 500, "comments": 10_000, "images": 200}
BASE = "https://old-blog.example"
START = datetime(2015, 1, 5, 8, 0, tzinfo=UTC)
WORDS = (
    "tide harbour lantern meadow orbit quartz ember willow signal cobalt "
    "granite falcon ripple summit thistle velvet marble cinder harvest prism "
    "comet fjord glacier hollow island juniper kestrel lagoon monsoon nebula"
).split()
NAMES = (
    "Ann Bo Chidi Dana Émile Farah Göran Hiro Inès Jamal Kasia Lior Mónica Nnamdi "
    "Olga Priya Quinn Rūta Sven Tao Umar Vera Wen Xóchitl Yusuf Zoë"
).split()

STATUSES, STATUS_WEIGHTS = ["1", "0", "spam", "trash"], [90, 6, 2, 2]

COUNTS = """
import json
from blog.models import Article
from comments.models import Comment
from imaging.models import Image
from wordpress.models import ImportRun
run = ImportRun.objects.order_by("-pk").first()
print(json.dumps({
    "articles": Article.objects.count(), "comments": Comment.objects.count(),
    "images": Image.objects.count(), "status": run.status if run else None,
    "counts": run.counts if run else {}, "warnings": len(run.warnings) if run else 0,
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--json", default=str(ROOT / "var" / "bench-import-results.json")
    )
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    size = QUICK if options.quick else FULL
    folder = Path(tempfile.mkdtemp(prefix="folio-bench-import-"))
    try:
        results = run(folder, size, options.generate_only)
    finally:
        if options.keep:
            print(f"Kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    return 0 if results.get("import", {}).get("exit_code", 0) == 0 else 1


def run(folder: Path, size: dict, generate_only: bool) -> dict:
    export, uploads = folder / "export.xml", folder / "uploads"
    print(f"Generating {size['posts']:,} posts, {size['comments']:,} comments and "
          f"{size['images']:,} images…", flush=True)  # fmt: skip
    started = time.perf_counter()
    BlogGenerator(size, uploads).write(export)
    jpegs = sum(path.stat().st_size for path in uploads.rglob("*.jpg"))
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "site": size,
        "export_mb": round(export.stat().st_size / 1e6, 1),
        "uploads_mb": round(jpegs / 1e6, 1),
        "generated_s": round(time.perf_counter() - started, 1),
    }
    if generate_only:
        return results
    if not COMMAND.exists():
        print(f"There is no import command yet ({COMMAND.relative_to(ROOT)}).")
        results["import"] = {"exit_code": None, "missing": str(COMMAND)}
        return results
    env = {
        **site_environment(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'bench-import.sqlite3'}",
        "FOLIO_IMPORT_DIR": str(folder / "imports"),
    }
    print("Migrating a fresh database…", flush=True)
    manage(env, "migrate", "--no-input")
    print("Importing…", flush=True)
    results["import"] = timed_import(env, export, uploads, folder / "import-report.txt")
    if results["import"]["exit_code"] == 0:
        results["imported"] = shell(env, COUNTS)
    return results


def timed_import(env: dict, export: Path, uploads: Path, output: Path) -> dict:
    """Wall time and peak RSS of `manage.py import_wordpress`, in its own
    process (the rusage `wait4` gives for that child alone)."""
    command = [PYTHON, "manage.py", "import_wordpress", str(export)]
    command += ["--media", str(uploads)]
    with output.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = output.read_text(errors="replace")
    if process.returncode:
        print(text[-3000:])
    return {
        "exit_code": process.returncode,
        "wall_s": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "report_tail": text[-1500:],
    }


class BlogGenerator:
    """The records of a busy blog (always the same: a fixed seed), with the
    JPEG of each attachment written where its address says."""

    def __init__(self, size: dict, uploads: Path):
        self.size, self.uploads = size, uploads
        self.random = random.Random(20_240_501)  # noqa: S311 (test data)
        self.next_id = 1
        self.images: list[tuple[int, str]] = []  # (attachment id, address)
        authors = [("editor", "Edith Ward")] + [
            (f"writer{n}", f"{NAMES[n]} {NAMES[-n - 1]}") for n in range(1, 12)
        ]
        self.authors = [
            Author(n + 2, login, f"{login}@old-blog.example", name, *name.split(" ", 1))
            for n, (login, name) in enumerate(authors)
        ]
        self.categories = [
            Term("category", 10 + n, f"section-{n}", f"{WORDS[n % 30].title()} {n}",
                 parent_slug=f"section-{n % 5}" if n >= 5 else "")
            for n in range(40)
        ]  # fmt: skip
        self.tags = [Term("tag", 100 + n, f"tag-{n}", f"Tag {n}") for n in range(300)]

    def write(self, path: Path) -> None:
        site = Site("Old Blog", BASE, BASE, BASE, "1.2")
        with path.open("wb") as out:
            write_wxr(
                out, site, self.authors, self.categories + self.tags, self.items()
            )

    def items(self):
        posts, images = self.size["posts"], self.size["images"]
        # From none to some 900 comments a post; a median of 8.
        weights = [self.random.lognormvariate(0, 1.4) for _ in range(posts)]
        per_post = [0] * posts
        for n in self.random.choices(range(posts), weights, k=self.size["comments"]):
            per_post[n] += 1
        made = 0
        for n in range(posts):
            date = START + timedelta(hours=n * 40 + self.random.randint(0, 30))
            while made < images * (n + 1) // posts:
                made += 1
                yield self.attachment(made, date - timedelta(minutes=5))
            yield self.post(n, date, per_post[n])

    def attachment(self, n: int, date: datetime) -> Item:
        folder = f"{date:%Y}/{date:%m}"
        name = f"photo-{n}.jpg"
        self.jpeg(self.uploads / folder / name)
        wp_id, self.next_id = self.next_id, self.next_id + 1
        url = f"{BASE}/wp-content/uploads/{folder}/{name}"
        self.images.append((wp_id, url))
        meta = {
            "_wp_attached_file": f"{folder}/{name}",
            "_wp_attachment_metadata": 'a:3:{s:5:"width";i:480;s:6:"height";i:320;'
            f's:4:"file";s:{len(folder) + len(name) + 1}:"{folder}/{name}";}}',
        }
        if self.random.random() < 0.7:
            meta["_wp_attachment_image_alt"] = f"A {self.words(3)}"
        return Item(
            wp_id=wp_id,
            post_type="attachment",
            title=f"photo-{n}",
            link=f"{BASE}/?attachment_id={wp_id}",
            guid=url,
            creator=self.random.choice(self.authors).login,
            content="",
            excerpt=self.words(6),
            date_gmt=date,
            status="inherit",
            slug=f"photo-{n}",
            parent_wp_id=0,
            menu_order=0,
            sticky=False,
            attachment_url=url,
            meta=meta,
        )

    def jpeg(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        rgb = [self.random.randrange(256) for _ in range(6)]
        image = Image.new("RGB", (480, 320), tuple(rgb[:3]))
        draw = ImageDraw.Draw(image)
        for _ in range(6):
            x, y = self.random.randrange(400), self.random.randrange(240)
            box = (
                x,
                y,
                x + self.random.randint(20, 160),
                y + self.random.randint(20, 120),
            )
            draw.ellipse(box, fill=tuple(rgb[3:]))
        image.save(path, "JPEG", quality=80)

    def post(self, n: int, date: datetime, comments: int) -> Item:
        wp_id, self.next_id = self.next_id, self.next_id + 1
        title = f"{self.words(4).title()} {n}"
        slug = title.lower().replace(" ", "-") if n % 50 else f"заметка-{n}"
        meta = {"_edit_last": "2"}
        if self.images and self.random.random() < 0.4:
            meta["_thumbnail_id"] = str(self.random.choice(self.images[-50:])[0])
        draft = self.random.random() < 0.03
        categories = self.random.sample(self.categories, self.random.randint(1, 2))
        tags = self.random.sample(self.tags, self.random.randint(0, 5))
        return Item(
            wp_id=wp_id,
            post_type="post",
            title=title,
            link=f"{BASE}/{date:%Y/%m}/{slug}/",
            guid=f"{BASE}/?p={wp_id}",
            creator=self.random.choice(self.authors).login,
            content=self.body(),
            excerpt="" if n % 3 else self.words(20),
            date_gmt=None if draft else date,
            status="draft" if draft else "publish",
            slug=slug,
            parent_wp_id=0,
            menu_order=0,
            sticky=n % 997 == 0,
            categories=[term.slug for term in categories],
            tags=[term.slug for term in tags],
            meta=meta,
            comments=self.comments(date, comments),
        )

    def body(self) -> str:
        parts = []
        for p in range(self.random.randint(3, 8)):
            if p == 2 and self.random.random() < 0.5:
                parts.append(f"<h2>{self.words(3).title()}</h2>")
            text = ". ".join(self.words(12).capitalize() for _ in range(3)) + "."
            parts.append(text.replace(" ember ", " <strong>ember</strong> ", 1))
        if self.images and self.random.random() < 0.3:
            wp_id, url = self.random.choice(self.images[-50:])
            if self.random.random() < 0.5:
                url = url.replace(".jpg", "-300x200.jpg")  # a resized copy
            img = f'<img class="wp-image-{wp_id}" src="{url}" alt="" width="300" />'
            if self.random.random() < 0.5:
                caption = f'[caption id="attachment_{wp_id}" width="300"]'
                img = f"{caption}{img} A photo[/caption]"
            parts.insert(1, img)
        if self.random.random() < 0.2:
            link = f"https://example.org/{self.words(1)}"
            parts.append(f'<a href="{link}">Read more</a>')
        return "\n\n".join(parts)

    def comments(self, post_date: datetime, count: int) -> list[Comment]:
        """Threads up to four deep: a reply answers one of the last thirty
        comments that is not yet four deep."""
        made, depth = [], {0: 0}
        for c in range(count):
            wp_id, self.next_id = self.next_id, self.next_id + 1
            roll = self.random.random()
            kind = "pingback" if roll < 0.02 else "trackback" if roll < 0.025 else ""
            open_threads = [m.wp_id for m in made[-30:] if depth[m.wp_id] < 4]
            parent = 0
            if open_threads and not kind and self.random.random() < 0.45:
                parent = self.random.choice(open_threads)
            depth[wp_id] = depth[parent] + 1
            name = self.random.choice(NAMES)
            ascii_name = normalize("NFKD", name).encode("ascii", "ignore").decode()
            made.append(
                Comment(
                    wp_id=wp_id,
                    parent_wp_id=parent,
                    author_name=name,
                    author_email=f"{ascii_name.lower()}{c}@mail.example",
                    author_url=f"https://{ascii_name.lower()}.example/"
                    if roll < 0.3
                    else "",
                    author_ip=f"192.0.2.{self.random.randrange(1, 255)}",
                    date_gmt=post_date + timedelta(hours=1 + c),
                    content=self.words(self.random.randint(5, 40)).capitalize() + ".",
                    approved=self.random.choices(STATUSES, STATUS_WEIGHTS)[0],
                    type=kind,
                )
            )
        return made

    def words(self, count: int) -> str:
        return " ".join(self.random.choices(WORDS, k=count))


def report(results: dict) -> str:
    size = results["site"]
    rows = [
        ("Export", f"{size['posts']:,} posts, {size['comments']:,} comments, "
                   f"{size['images']:,} images: {results['export_mb']} MB of XML, "
                   f"{results['uploads_mb']} MB of JPEG"),
        ("Generated in", f"{results['generated_s']} s"),
    ]  # fmt: skip
    done = results.get("import")
    if done and done.get("exit_code") is not None:
        wall = done["wall_s"]
        rows += [
            ("Import exit code", str(done["exit_code"])),
            ("Import wall time", f"{wall} s (CPU {done['cpu_s']} s)"),
            ("Posts / s", f"{size['posts'] / wall:,.1f}"),
            ("Comments / s", f"{size['comments'] / wall:,.1f}"),
            ("Peak RSS of the import", f"{done['peak_rss_mb']} MB"),
        ]
        imported = results.get("imported")
        if imported:
            made = (
                f"{imported['articles']:,} articles, {imported['comments']:,} "
                f"comments, {imported['images']:,} images ({imported['status']}, "
                f"{imported['warnings']} warnings)"
            )
            rows.append(("Imported", made))
    elif done:
        rows.append(("Import", "not run: there is no import_wordpress command yet"))
    lines = [f"WordPress import on {results['machine']}", "", "| | |", "|---|---|"]
    return "\n".join(lines + [f"| {name} | {value} |" for name, value in rows])


if __name__ == "__main__":
    sys.exit(main())
