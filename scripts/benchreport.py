"""`make bench`'s targets, the check of each, and the Markdown table it prints."""

PAGES = {
    "home": "/",
    "article, 50 comments": "/articles/bench-50-comments/",
    "article, 500 comments": "/articles/bench-500-comments/",
    "author": "/authors/writer-0/",
    "tag": "/tag/tag-0/",
    "search": "/search/?q=brain",
    "feed": "/feed/",
}
ARTICLE = "article, 50 comments"
# Each page's time must stay within ±20 % from this many articles to the
# full site, and from no comments to 500 on one article.
SMALL_SITE = 100
FLAT = 0.20
# Bare Django's rate on the performance issue's 2-core machine, where its
# absolute goals (the uncached article's 1,000 req/s) were set.
BARE_DJANGO_REFERENCE = 3100
TARGETS = {
    "cached article / static nginx": 0.15,
    "cached article through the front cache / static nginx": 0.80,
    "cached article p99 at 64 connections (ms)": 50,
    "uncached article (req/s)": 1000,
    "slowest uncached page, times the article's time": 2.0,
    "largest change of a page's time, 100 articles to the full site": FLAT,
    "change of the article's time, 0 to 500 comments": FLAT,
    "search p50 (ms)": 30,
    "queries per public page": 6,
    "worker peak RSS (MB)": 120,
    "article weight without images (KB)": 60,
}


def page_row(results: dict, page: str, mode: str, c: int = 64) -> dict:
    return next(
        r for r in results["pages"]
        if r["page"] == page and r["mode"] == mode and r["connections"] == c
    )  # fmt: skip


def checks(results: dict) -> list[dict]:
    def row(page, mode):
        return page_row(results, page, mode)

    weight = results["weight"]
    uncached = {
        r["page"]: r["requests_per_second"]
        for r in results["pages"]
        if r["mode"] == "uncached" and r["connections"] == 64
    }
    big = results["time_ms"]
    # Two processes minutes apart: compared in yardsticks (scripts/bench.py).
    grown = {
        page: results["yardsticks"][page] / results["yardsticks_small_site"][page]
        for page in PAGES
    }
    measured = {
        "slowest uncached page, times the article's time": round(
            uncached[ARTICLE] / min(uncached.values()), 2
        ),
        "largest change of a page's time, 100 articles to the full site": round(
            max(abs(ratio - 1) for ratio in grown.values()), 2
        ),
        "change of the article's time, 0 to 500 comments": round(
            abs(big["article, 500 comments"] / big["article, 0 comments"] - 1), 2
        ),
        "cached article / static nginx": row(ARTICLE, "cached")["share_of_static"],
        "cached article through the front cache / static nginx": results["front_cache"][
            "64"
        ]["share_of_static"],
        "cached article p99 at 64 connections (ms)": row(ARTICLE, "cached")["p99_ms"],
        "uncached article (req/s)": row(ARTICLE, "uncached")["requests_per_second"],
        "search p50 (ms)": results["search_alone"]["p50_ms"],
        "queries per public page": max(results["queries"].values()),
        "worker peak RSS (MB)": max(results["worker_peak_rss_mb"], default=0),
        "article weight without images (KB)": round(
            sum(v for k, v in weight.items() if k not in ("images", "static_headers")),
            1,
        ),
    }
    higher_is_better = {
        "cached article / static nginx",
        "cached article through the front cache / static nginx",
        "uncached article (req/s)",
    }
    return [
        {
            "target": name,
            "goal": goal,
            "measured": measured[name],
            "met": measured[name] >= goal
            if name in higher_is_better
            else measured[name] <= goal,
        }
        for name, goal in TARGETS.items()
    ]


def report(results: dict) -> str:
    lines = [
        f"Machine: {results['machine']}; site: {results['site']}; "
        f"{results['seconds']} s per run; server: {results['server']}.",
        "",
        "| page | mode | conns | req/s | p50 ms | p99 ms | errors | share of static |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    static = [
        {"page": "article as a file (nginx)", "mode": "static", "connections": c,
         **load, "share_of_static": 1}
        for c, load in results["ceiling"].items()
    ]  # fmt: skip
    front = [
        {"page": "article through the front cache", "mode": "front cache",
         "connections": c, **load}
        for c, load in results["front_cache"].items()
    ]  # fmt: skip
    bare = [
        {"page": "article from bare Django (gunicorn sync)", "mode": "bare Django",
         "connections": c, **load}
        for c, load in results["bare_django"].items()
    ]  # fmt: skip
    for r in [*static, *front, *bare, *results["pages"]]:
        lines.append(
            f"| {r['page']} | {r['mode']} | {r['connections']} "
            f"| {r['requests_per_second']:,.0f} | {r['p50_ms']} | {r['p99_ms']} "
            f"| {r['errors']} | {r['share_of_static']:.1%} |"
        )
    lines += [
        "",
        "| server (article, 64 conns) | cached req/s | uncached req/s |",
        "| --- | ---: | ---: |",
    ]
    for name, loads in results["servers"].items():
        lines.append(
            f"| {name} | {loads['cached']['requests_per_second']:,.0f} "
            f"| {loads['uncached']['requests_per_second']:,.0f} |"
        )
    lines += [
        "",
        "SQL queries per page (every cache off): "
        + ", ".join(f"{page} {count}" for page, count in results["queries"].items()),
    ]
    lines.append(f"Worker peak RSS (MB): {results['worker_peak_rss_mb']}")
    lines.append(
        "Time per page for a signed-in reader (ms; full site / 100 articles): "
        + ", ".join(
            f"{page} {ms} / {results['time_ms_small_site'][page]}"
            for page, ms in results["time_ms"].items()
        )
    )
    lines.append(
        "The same in yardsticks, a fixed piece of template work timed in the "
        "same rounds (full site / 100 articles): "
        + ", ".join(
            f"{page} {units} / {results['yardsticks_small_site'][page]}"
            for page, units in results["yardsticks"].items()
        )
    )
    uncached = page_row(results, ARTICLE, "uncached")["requests_per_second"]
    django = results["bare_django"]["64"]["requests_per_second"]
    lines.append(
        f"Uncached article against bare Django, 64 connections: {uncached:,.0f} / "
        f"{django:,.0f} = {uncached / django:.2f} (the goal of 1,000 req/s "
        f"against the issue's {BARE_DJANGO_REFERENCE:,} for bare Django: "
        f"{TARGETS['uncached article (req/s)'] / BARE_DJANGO_REFERENCE:.2f})"
    )
    alone = results["search_alone"]
    lines.append(
        f"Search with one connection: p50 {alone['p50_ms']} ms, "
        f"p99 {alone['p99_ms']} ms, {alone['requests_per_second']:,.0f} req/s"
    )
    weight = dict(results["weight"])
    static = weight.pop("static_headers")
    lines.append(
        "Article page weight at 1,280 px (KB, compressed): "
        + ", ".join(f"{kind} {kb}" for kind, kb in weight.items())
    )
    for url, headers in static.items():
        lines.append(
            f"Static {url}: Cache-Control {headers['Cache-Control']}, "
            f"Content-Encoding {headers['Content-Encoding']}"
        )
    lines += ["", "| target | goal | measured | |", "| --- | ---: | ---: | --- |"]
    for check in results["checks"]:
        verdict = "met" if check["met"] else "MISSED"
        lines.append(
            f"| {check['target']} | {check['goal']} | {check['measured']} | {verdict} |"
        )
    return "\n".join(lines)
