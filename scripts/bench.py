"""Measure Folio's pages per second and memory under gunicorn.

Builds a throw-away site (SQLite in a temp folder, production settings, the
demo content), serves it with gunicorn on 127.0.0.1, sends a bounded number
of requests from a few client threads (wrk is used instead when installed),
and prints requests per second and the workers' memory against the targets.
Nothing leaves this machine.
"""

import concurrent.futures
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS_PER_PAGE = 10
CLIENT_THREADS = 8
TARGET_REQUESTS_PER_SECOND = 1000
TARGET_WORKER_MEMORY_MB = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(folder: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def wait_for(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def load_with_threads(port: int, path: str) -> tuple[float, int]:
    """Requests per second and error count, from a few threads for a while."""
    deadline = time.monotonic() + SECONDS_PER_PAGE

    def client() -> tuple[int, int]:
        done = errors = 0
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            conn.close()
            done += 1
            errors += response.status >= 400
        return done, errors

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CLIENT_THREADS) as pool:
        results = list(pool.map(lambda _: client(), range(CLIENT_THREADS)))
    elapsed = time.monotonic() - started
    return sum(r[0] for r in results) / elapsed, sum(r[1] for r in results)


def load_with_wrk(port: int, path: str) -> tuple[float, int]:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c16",
            f"-d{SECONDS_PER_PAGE}s",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, int(errors[1]) if errors else 0


def worker_memory_mb(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return sizes


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="folio-bench-"))
    env = site_environment(folder)
    port = free_port()
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo", "--force")
        slug = manage(env, "shell", "--no-imports", "-c", _FIRST_ARTICLE).strip()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        try:
            wait_for(port)
            load = load_with_wrk if shutil.which("wrk") else load_with_threads
            print(f"Load from {'wrk' if load is load_with_wrk else 'Python threads'}")
            pages = {"home": "/", "article": f"/articles/{slug}/"}
            below = False
            for name, path in pages.items():
                load(port, path)  # warm up
                rate, errors = load(port, path)
                verdict = "ok" if rate >= TARGET_REQUESTS_PER_SECOND else "BELOW"
                below |= verdict == "BELOW"
                print(
                    f"{name:8} {path:60} {rate:8.0f} req/s  errors {errors}"
                    f"  target {TARGET_REQUESTS_PER_SECOND}: {verdict}"
                )
            for mb in worker_memory_mb(server.pid):
                verdict = "ok" if mb <= TARGET_WORKER_MEMORY_MB else "ABOVE"
                limit = TARGET_WORKER_MEMORY_MB
                print(f"worker RSS {mb:6.1f} MB  target {limit}: {verdict}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if below else 0


_FIRST_ARTICLE = (
    "from blog.models import Article; print(Article.objects.published().first().slug)"
)

if __name__ == "__main__":
    raise SystemExit(main())
