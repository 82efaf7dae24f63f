"""The benchmark's tools: a throw-away site, app servers, nginx, wrk.

Everything listens on 127.0.0.1 only and stops when its `with` block ends.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

try:  # run from scripts/, as make bench does
    from front_cache import SERVING
except ModuleNotFoundError:  # imported by the tests, as scripts.benchkit
    from scripts.front_cache import SERVING

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent

# The production servers measured against each other, two workers each.
SERVERS = {
    "gunicorn sync": [
        str(BIN / "gunicorn"), "config.wsgi", "--workers=2", "--log-level=warning",
    ],
    "gunicorn gthread": [
        str(BIN / "gunicorn"), "config.wsgi", "--workers=2", "--threads=4",
        "--worker-class=gthread", "--log-level=warning",
    ],
    "granian": [
        str(BIN / "granian"), "--interface=wsgi", "--workers=2",
        "--blocking-threads=1", "--log-level=warning", "config.wsgi:application",
    ],
}  # fmt: skip


def site_environment(folder: Path, services="BENCH_") -> dict:
    """Production settings (plus the demo app, for the data) on a folder's files,
    with the empty database and the Redis that `{services}DATABASE_URL` and
    `{services}REDIS_URL` name, or SQLite and cache files."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": os.environ.get(
            f"{services}DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}"
        ),
        "REDIS_URL": os.environ.get(f"{services}REDIS_URL", ""),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "FOLIO_PAGE_CACHE_DIR": str(folder / "pages"),
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


def shell(env: dict, code: str) -> dict:
    """Run Python in a Django shell; it prints one JSON object."""
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).strip())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"Nothing answered at {url}")


def settle(base_url: str, seconds: float = 120) -> None:
    """Wait until the server answers at once again: the last run's queue is gone."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=30):
                pass
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


@contextlib.contextmanager
def running(command: list[str], *, ready: str, env: dict | None = None):
    """A server process, from the moment `ready` answers until the block ends."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(ready)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen

    def worker_peak_rss_mb(self) -> list[float]:
        """Each worker's peak resident memory (VmHWM), in MB."""
        peaks = []
        for pid in _descendants(self.process.pid):
            status = Path(f"/proc/{pid}/status").read_text()
            peak = re.search(r"VmHWM:\s+(\d+)", status)
            if peak:
                peaks.append(round(int(peak[1]) / 1024, 1))
        return peaks


@contextlib.contextmanager
def app_server(name: str, env: dict):
    port = free_port()
    command = [*SERVERS[name]]
    if name == "granian":
        command[1:1] = ["--host=127.0.0.1", f"--port={port}"]
    else:
        command.append(f"--bind=127.0.0.1:{port}")
    url = f"http://127.0.0.1:{port}"
    with running(command, ready=f"{url}/healthz", env=env) as process:
        yield Server(name, url, process)


@contextlib.contextmanager
def bare_django(page: Path):
    """Bare Django (scripts/bare_django.py) answering with `page`, under
    gunicorn with 2 sync workers, as the performance issue measured it."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"), "--chdir", str(ROOT / "scripts"),
        "bare_django:application", "--workers=2", "--log-level=warning",
        f"--bind=127.0.0.1:{port}",
    ]  # fmt: skip
    env = {**os.environ, "BARE_DJANGO_PAGE": str(page)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    url = f"http://127.0.0.1:{port}"
    with running(command, ready=f"{url}/", env=env):
        yield url


NGINX_CONF = """
{serving}
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {folder}/root;
        location / {{ try_files $uri =404; }}
    }}
}}
"""


@contextlib.contextmanager
def static_nginx(folder: Path, files: dict[str, bytes]):
    """nginx serving `files` (name → bytes) as plain files: the ceiling."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root").mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / "root" / name).write_bytes(content)
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(
        NGINX_CONF.format(
            serving=SERVING.format(folder=folder), folder=folder, port=port
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-c", str(config), "-p", str(folder), "-g", "daemon off;"]
    url = f"http://127.0.0.1:{port}"
    with running(command, ready=f"{url}/{next(iter(files))}"):
        yield url


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk(url: str, *, connections: int, seconds: int, cookie: str = "") -> Load:
    """wrk against one address; the rate, the median and p99 latency, errors."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    errors = sum(
        int(n)
        for n in re.findall(
            r"(?:Non-2xx or 3xx responses|timeout|read|write|connect) (\d+)", output
        )
    )
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        errors=errors,
    )


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(
        rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M
    ).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def fetch(url: str, *, cookie: str = "", gzip: bool = False):
    """(headers, body) of a GET; headers read in any case, as HTTP has them."""
    headers = {"Cookie": cookie} if cookie else {}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as reply:
        return reply.headers, reply.read()


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").iterdir():
            children = (task / "children").read_text().split()
            found += [int(c) for c in children]
            todo += [int(c) for c in children]
    return found
