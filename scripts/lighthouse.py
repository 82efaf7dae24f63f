"""`make lighthouse`: Lighthouse's four scores for Folio's pages, and their weight.

Builds a throw-away site the way `make bench` does (production settings via
config.settings.bench, SQLite in a temp folder, `load_demo --force` for
content, static files collected), serves it with granian, one worker, on
127.0.0.1, and runs the pinned Lighthouse (package.json) with Debian's
Chromium on the home page, one article and the search page. It prints the
performance, accessibility, best-practices and SEO scores of each page
(Lighthouse's defaults: a mobile device, simulated throttling; `--desktop`
for its desktop preset) and what each page weighs as transferred, by kind.
The JSON reports go to test-artifacts/lighthouse/. It exits non-zero when any
score is below 100 or the article weighs 60 KB or more without its images.

How the site is served, and why so:

- Static files: by whitenoise inside the app, as in production.
- Uploads (covers, avatars): in production the front server serves
  DJANGO_MEDIA_ROOT at /media/, never the app. Here granian plays that part
  with its own static-file route (`--static-path-route=/media`), in front of
  the untouched `config.wsgi:application`: no wrapper, no setting changed.
- Each page is fetched twice before Lighthouse sees it: anonymous readers
  get pages from the page cache (core/pagecache.py), gzipped, and that is the
  answer Lighthouse should measure, not the one request that fills the cache.
- Plain HTTP on 127.0.0.1: DJANGO_SECURE_SSL_REDIRECT is false, as for the
  benchmark (secure cookies and HSTS stay on; Lighthouse treats localhost as
  a secure origin).
- The search page is meant to stay out of search engines (`noindex`, and
  `Disallow: /search/` in robots.txt), which is what Lighthouse's
  `is-crawlable` audit reports as a failure; that one audit is skipped there,
  and said so in the output. Every other SEO audit runs on it.

Chromium must be at /usr/bin/chromium (`apt-get install chromium`), or
CHROME_PATH; Lighthouse never downloads a browser.
"""

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from benchkit import ROOT, free_port, manage, running, site_environment

PAGES = {
    "home": "/",
    "article": "/articles/small-habits-for-better-sleep/",
    "search": "/search/?q=sleep",
}
# Audits skipped per page, with the reason printed beside the scores.
SKIPPED = {
    "search": {"is-crawlable": "search results are kept out of the index on purpose"}
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
ARTICLE_LIMIT_KB = 60
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
GRANIAN = Path(sys.executable).parent / "granian"
# Lighthouse's resource types, as the kinds a page's weight is told in.
KINDS = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Font": "fonts",
    "Image": "images",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page; the median is kept"
    )
    parser.add_argument("--desktop", action="store_true", help="desktop preset")
    parser.add_argument(
        "--reports",
        default=str(ROOT / "test-artifacts" / "lighthouse"),
        help="folder for the JSON reports",
    )
    options = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        sys.exit(f"No Chromium at {chrome}: apt-get install chromium")
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: make node_modules/.installed")
    reports = Path(options.reports)
    reports.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="folio-lighthouse-"))
    try:
        env = site_environment(folder)
        print("Building the site…", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo", "--force")
        with serve(env, folder / "media") as base_url:
            results = {
                name: audit(
                    base_url, name, path, chrome=chrome, options=options, out=reports
                )
                for name, path in PAGES.items()
            }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(report(results))
    print(f"\nReports: {reports}/")
    return 0 if passed(results) else 1


@contextlib.contextmanager
def serve(env: dict, media: Path):
    """granian on a free port: the app, and the uploads as a front server would."""
    port = free_port()
    command = [
        str(GRANIAN), "--interface=wsgi", "--workers=1",
        "--blocking-threads=1", "--host=127.0.0.1", f"--port={port}",
        "--log-level=warning",
        "--static-path-route=/media", f"--static-path-mount={media}",
        "config.wsgi:application",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with running(command, ready=f"{url}/healthz", env=env):
        yield url


def audit(base_url, name, path, *, chrome, options, out) -> dict:
    """Lighthouse `options.runs` times on one page: median scores, the weight."""
    url = base_url + path
    for _ in range(2):  # the first fills the page cache, the second reads it
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as reply:
            reply.read()
    skipped = SKIPPED.get(name, {})
    command = [
        str(LIGHTHOUSE), url, "--output=json", "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    if skipped:
        command.append(f"--skip-audits={','.join(skipped)}")
    if options.desktop:
        command.append("--preset=desktop")
    runs = []
    for run in range(1, options.runs + 1):
        print(f"Lighthouse: {name} ({path}), run {run}…", flush=True)
        output = out / f"{name}-{run}.json"
        runs.append(
            run_lighthouse([*command, f"--output-path={output}"], chrome, output)
        )
    scores = {
        category: statistics.median(
            round(r["categories"][category]["score"] * 100) for r in runs
        )
        for category in CATEGORIES
    }
    return {
        "path": path,
        "scores": scores,
        "weight": weight(runs[-1]),
        "failing": failing_audits(runs),
        "skipped": skipped,
        "version": runs[-1]["lighthouseVersion"],
    }


def run_lighthouse(command: list[str], chrome: str, output: Path) -> dict:
    """One Lighthouse run; tried again when Chromium's trace came back broken.

    Lighthouse sometimes misses the start of the navigation in the trace
    (NO_NAVSTART, NO_FCP) and says to run it again: up to three tries.
    """
    for _attempt in range(3):
        output.unlink(missing_ok=True)
        finished = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome})
        if finished.returncode == 0 and output.exists():
            result = json.loads(output.read_text())
            if not result.get("runtimeError"):
                return result
    sys.exit(f"Lighthouse failed three times: {' '.join(command)}")


def weight(lighthouse: dict) -> dict:
    """KB transferred (compressed where served so), by kind of resource."""
    sizes = dict.fromkeys([*KINDS.values(), "other"], 0)
    for item in lighthouse["audits"]["network-requests"]["details"]["items"]:
        sizes[KINDS.get(item.get("resourceType"), "other")] += item["transferSize"]
    return {kind: round(size / 1024, 1) for kind, size in sizes.items()}


def failing_audits(runs: list[dict]) -> list[str]:
    """The scored audits below full marks in any run: what to fix."""
    found = {}
    for lighthouse in runs:
        for category in lighthouse["categories"].values():
            for ref in category["auditRefs"]:
                result = lighthouse["audits"][ref["id"]]
                if (
                    ref["weight"]
                    and result["score"] is not None
                    and result["score"] < 1
                ):
                    shown = result.get("displayValue", "")
                    found[ref["id"]] = (
                        f"{ref['id']} ({result['title']}) {shown}".strip()
                    )
    return sorted(found.values())


def without_images(sizes: dict) -> float:
    return round(sum(kb for kind, kb in sizes.items() if kind != "images"), 1)


def passed(results: dict) -> bool:
    all_full = all(s == 100 for r in results.values() for s in r["scores"].values())
    return all_full and without_images(results["article"]["weight"]) < ARTICLE_LIMIT_KB


def report(results: dict) -> str:
    version = next(iter(results.values()))["version"]
    lines = [
        f"\nLighthouse {version}, Chromium, median scores:",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "| --- |" + " ---: |" * len(CATEGORIES),
    ]
    for name, result in results.items():
        scores = " | ".join(f"{result['scores'][c]:g}" for c in CATEGORIES)
        lines.append(f"| {name} | {scores} |")
    kinds = [*KINDS.values(), "other"]
    lines += [
        "",
        "Weight transferred (KB, compressed where served so):",
        "",
        "| page | " + " | ".join(kinds) + " | without images |",
        "| --- |" + " ---: |" * (len(kinds) + 1),
    ]
    for name, result in results.items():
        sizes = result["weight"]
        row = " | ".join(f"{sizes[kind]}" for kind in kinds)
        lines.append(f"| {name} | {row} | {without_images(sizes)} |")
    article = without_images(results["article"]["weight"])
    verdict = "met" if article < ARTICLE_LIMIT_KB else "MISSED"
    lines += [
        "",
        f"Article without images: {article} KB (< {ARTICLE_LIMIT_KB}: {verdict})",
    ]
    for name, result in results.items():
        for audit_id, reason in result["skipped"].items():
            lines.append(f"Skipped on {name}: {audit_id}, {reason}.")
        for failing in result["failing"]:
            lines.append(f"Below full marks on {name}: {failing}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
