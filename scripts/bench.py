"""`make bench`: Folio's pages against static nginx, on the benchmark's own site.

Builds a throw-away site (production settings, SQLite in a temp folder or
BENCH_DATABASE_URL, pages cached in files or in BENCH_REDIS_URL) with
10,000 articles by 200 authors and 200,000 comments (`--quick`: 1,000 and
20,000, five-second runs, 64 connections only), and a site of 100 articles
(BENCH_SMALL_DATABASE_URL and BENCH_SMALL_REDIS_URL beside the others)
whose page times the big site's must match. Then, with wrk:

- the article page as a file served by nginx: the ceiling every rate is
  compared with, in the same run; it and the article through the front
  cache (nginx with deploy/nginx-front-cache.conf) are loaded in turn, seven
  pairs of five-second runs (three with --quick), and the front cache's
  share is the median of the pairs' ratios;
- the same article from bare Django (scripts/bare_django.py): how fast this
  machine runs Django, the yardstick Folio's own rates are read against;
- gunicorn (sync, gthread) against granian on the cached and the uncached
  article: the fastest serves the rest;
- every page, cached (an anonymous reader) and uncached (a signed-in
  reader, whose pages are never cached), at 16 and 64 connections.

It prints a Markdown table and the targets met or missed, and writes the
figures as JSON (`--json`, default bench-results.json). Only 127.0.0.1.
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

from benchkit import (
    ROOT,
    SERVERS,
    app_server,
    bare_django,
    fetch,
    manage,
    settle,
    shell,
    site_environment,
    static_nginx,
    wrk,
)
from benchreport import ARTICLE, PAGES, SMALL_SITE, checks, report
from front_cache import front_cache
from front_cache import missing as front_cache_missing

# In the site's own process: SQL queries per page with every cache off (the
# most a page costs), and time per page for a signed-in reader (pages not
# cached whole, fragments cached): the pages taken in turn, round after
# round, so a machine that slows down for a moment slows all of them alike;
# the median of each. Each round also times a fixed piece of template work
# (the yardstick): a page's time in yardsticks compares across two sites
# measured in different processes, whatever the machine was doing meanwhile.
# Runs of the static ceiling and of the front cache, taken in turn: this
# many pairs (fewer with --quick), of this many seconds each.
ROUNDS, QUICK_ROUNDS = 7, 3
PAIR_SECONDS = 5
# Each site's FACTS (below) are measured this many times (fewer with
# --quick), the sites in turn.
FACTS_RUNS, QUICK_FACTS_RUNS = 3, 2

FACTS = """
import json, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

yardstick = Template("{%% for i in items %%}<li>{{ i|add:1 }}</li>{%% endfor %%}")
items = Context({"items": range(300)})

reader, _ = get_user_model().objects.get_or_create(username="bench-reader")
signed_in = Client()
signed_in.force_login(reader)
pages = %r
queries, runs = {}, {name: [] for name in pages}
runs["yardstick"] = []
for name, path in pages.items():
    with override_settings(FOLIO_PAGE_CACHE=False):
        with CaptureQueriesContext(connection) as captured:
            Client().get(path, HTTP_HOST="127.0.0.1")
    queries[name] = len(captured)
    for _ in range(5):
        signed_in.get(path, HTTP_HOST="127.0.0.1")
for _ in range(100):
    for name, path in pages.items():
        started = time.perf_counter()
        signed_in.get(path, HTTP_HOST="127.0.0.1")
        runs[name].append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    yardstick.render(items)
    runs["yardstick"].append((time.perf_counter() - started) * 1000)
medians = {name: statistics.median(taken) for name, taken in runs.items()}
unit = medians.pop("yardstick")
times = {name: round(ms, 2) for name, ms in medians.items()}
yardsticks = {name: round(ms / unit, 2) for name, ms in medians.items()}
print(json.dumps({"cookie": "sessionid=" + signed_in.cookies["sessionid"].value,
                  "queries": queries, "time_ms": times, "yardsticks": yardsticks}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=str(ROOT / "bench-results.json"))
    options = parser.parse_args()
    if not _have("wrk"):
        sys.exit("make bench needs wrk: apt-get install wrk")
    if front_cache_missing():
        sys.exit(f"make bench: {front_cache_missing()}")
    for service in ("DATABASE_URL", "REDIS_URL"):
        if os.environ.get(f"BENCH_{service}") and not os.environ.get(
            f"BENCH_SMALL_{service}"
        ):
            sys.exit(
                f"make bench: with BENCH_{service}, set BENCH_SMALL_{service} to a"
                " second, empty one for the small site (the sites' keys would mix)"
            )
    seconds, connections = (5, [64]) if options.quick else (10, [16, 64])
    folder = Path(tempfile.mkdtemp(prefix="folio-bench-"))
    folder.chmod(0o755)  # nginx's workers drop root and must read the page
    try:
        results = run(folder, options.quick, seconds, connections)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    Path(options.json).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    return 0 if all(check["met"] for check in results["checks"]) else 1


def run(folder: Path, quick: bool, seconds: int, connections: list[int]) -> dict:
    env = site_environment(folder)
    small = {
        **site_environment(folder / "small", "BENCH_SMALL_"),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    (folder / "small").mkdir()
    print("Building the sites…", flush=True)
    manage(env, "collectstatic", "--no-input")
    with ThreadPoolExecutor(2) as builders:  # one a core
        big_site = builders.submit(_build, env, "--quick" if quick else "")
        builders.submit(_build, small, f"--articles={SMALL_SITE}").result()
        made = big_site.result()
    runs = QUICK_FACTS_RUNS if quick else FACTS_RUNS
    facts, small_facts = _facts_in_turn(env, small, runs)
    cookie = facts["cookie"]
    results = {
        "machine": f"{platform.machine()}, {_cores()} cores, "
        f"Python {platform.python_version()}",
        "site": made,
        "seconds": seconds,
        "queries": facts["queries"],
        "time_ms": facts["time_ms"],
        "time_ms_small_site": small_facts["time_ms"],
        "yardsticks": facts["yardsticks"],
        "yardsticks_small_site": small_facts["yardsticks"],
        "servers": {},
        "pages": [],
    }

    print("Comparing app servers…", flush=True)
    for name in SERVERS:
        with app_server(name, env) as server:
            url = server.url + PAGES[ARTICLE]
            _warm(url, cookie)
            cached = wrk(url, connections=64, seconds=seconds)
            settle(server.url)
            uncached = wrk(url, connections=64, seconds=seconds, cookie=cookie)
            results["servers"][name] = {
                "cached": vars(cached),
                "uncached": vars(uncached),
            }
    best = max(
        SERVERS, key=lambda n: results["servers"][n]["cached"]["requests_per_second"]
    )
    results["server"] = best

    print(f"Measuring every page on {best}…", flush=True)
    with app_server(best, env) as server:
        _headers, html = fetch(server.url + PAGES[ARTICLE])
        results["weight"] = page_weight(server.url, PAGES[ARTICLE], folder / "media")
        port = int(server.url.rsplit(":", 1)[1])
        with (
            static_nginx(folder / "nginx", {"article.html": html}) as nginx,
            front_cache(folder / "front", port) as (front_url, _purge_url),
        ):
            _warm(front_url + PAGES[ARTICLE], "")
            results["ceiling"], results["front_cache"] = {}, {}
            for c in connections:
                static, front, share = _alternated(
                    f"{nginx}/article.html",
                    front_url + PAGES[ARTICLE],
                    connections=c,
                    seconds=min(seconds, PAIR_SECONDS),
                    rounds=QUICK_ROUNDS if quick else ROUNDS,
                )
                results["ceiling"][str(c)] = vars(static)
                results["front_cache"][str(c)] = {
                    **vars(front),
                    "share_of_static": round(share, 4),
                }
            results["bare_django"] = {}
            with bare_django(folder / "nginx" / "root" / "article.html") as bare:
                for c in connections:
                    load = wrk(f"{bare}/", connections=c, seconds=seconds)
                    ceiling = results["ceiling"][str(c)]["requests_per_second"]
                    results["bare_django"][str(c)] = {
                        **vars(load),
                        "share_of_static": round(load.requests_per_second / ceiling, 4),
                    }
        settle(server.url)
        search = wrk(server.url + PAGES["search"], connections=1, seconds=seconds)
        results["search_alone"] = vars(search)
        for name, path in PAGES.items():
            _warm(server.url + path, cookie)
            for c in connections:
                for mode, session in (("uncached", cookie), ("cached", "")):
                    settle(server.url)
                    load = wrk(
                        server.url + path,
                        connections=c,
                        seconds=seconds,
                        cookie=session,
                    )
                    ceiling = results["ceiling"][str(c)]["requests_per_second"]
                    results["pages"].append(
                        {
                            "page": name,
                            "mode": mode,
                            "connections": c,
                            **vars(load),
                            "share_of_static": round(
                                load.requests_per_second / ceiling, 4
                            ),
                        }
                    )
        results["worker_peak_rss_mb"] = server.worker_peak_rss_mb()
    results["checks"] = checks(results)
    return results


def page_weight(base: str, path: str, media: Path) -> dict:
    """Bytes a browser 1,280 px wide fetches for a page, compressed where served so.

    Uploads are read from the media folder (in production the front server
    serves them, not the app).
    """
    _headers, html = fetch(base + path, gzip=True)
    text = gzip.decompress(html).decode() if html[:2] == b"\x1f\x8b" else html.decode()
    weight = {"html": len(html), "css": 0, "js": 0, "fonts": 0, "images": 0}
    static_headers = {}
    for kind, pattern in (
        ("css", r'<link rel="stylesheet" href="([^"]+)"(?! media="print")'),
        ("js", r'<script[^>]* src="([^"]+)"'),
    ):
        for url in re.findall(pattern, text):
            headers, body = fetch(urljoin(base + path, url), gzip=True)
            weight[kind] += len(body)
            static_headers[url] = {
                name: headers.get(name)
                for name in ("Cache-Control", "Content-Encoding")
            }
    for srcset in re.findall(r'srcset="([^"]+)"', text):
        candidates = [c.strip().rsplit(" ", 1) for c in srcset.split(",")]
        widths = sorted((int(w.rstrip("w")), u) for u, w in candidates)
        chosen = next((u for w, u in widths if w >= 1280), widths[-1][1])
        weight["images"] += (media / chosen.removeprefix("/media/")).stat().st_size
    return {
        **{kind: round(size / 1024, 1) for kind, size in weight.items()},
        "static_headers": static_headers,
    }


def _warm(url: str, cookie: str) -> None:
    for _ in range(3):
        fetch(url)
        fetch(url, cookie=cookie)


def _have(tool: str) -> bool:
    return shutil.which(tool) is not None or Path(f"/usr/sbin/{tool}").exists()


def _build(env: dict, size: str) -> str:
    """Migrate an empty database and fill it with the benchmark's data."""
    manage(env, "migrate", "--no-input")
    return manage(env, "load_bench_data", *filter(None, [size])).strip()


def _facts_in_turn(env: dict, small: dict, runs: int) -> tuple[dict, dict]:
    """FACTS of the full site and the small one, measured in turn once both are
    built and written to disk (a site just built leaves the disk busy for a
    while): each page's median time and yardsticks over `runs` each."""
    os.sync()
    timed = {**PAGES, "article, 0 comments": "/articles/bench-0-comments/"}
    taken = {"full": [], "small": []}
    for _ in range(runs):
        taken["full"].append(shell(env, FACTS % timed))
        taken["small"].append(shell(small, FACTS % timed))

    def combined(site_runs):
        medians = {
            figure: {
                page: round(
                    statistics.median(run[figure][page] for run in site_runs), 2
                )
                for page in timed
            }
            for figure in ("time_ms", "yardsticks")
        }
        return {**site_runs[-1], **medians}

    return combined(taken["full"]), combined(taken["small"])


def _alternated(
    first: str, second: str, *, connections: int, seconds: int, rounds: int
):
    """Two addresses loaded in turn, `rounds` pairs of runs: the median run of
    each, and the median of the pairs' ratios (second / first). A machine
    that is faster or slower for a while counts for both runs of a pair."""
    pairs = [
        (
            wrk(first, connections=connections, seconds=seconds),
            wrk(second, connections=connections, seconds=seconds),
        )
        for _ in range(rounds)
    ]

    def median_run(loads):
        return sorted(loads, key=lambda load: load.requests_per_second)[rounds // 2]

    ratios = sorted(b.requests_per_second / a.requests_per_second for a, b in pairs)
    return (
        median_run([a for a, _ in pairs]),
        median_run([b for _, b in pairs]),
        ratios[rounds // 2],
    )


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
