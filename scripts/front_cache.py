"""The shipped front cache (deploy/nginx-front-cache.conf and
deploy/nginx-folio-locations.conf) run on local ports, as the README's stack
runs it but for TLS: for the benchmark and for the tests of the
configuration itself.

nginx and its Lua module come from Debian's packages (nginx,
libnginx-mod-http-lua).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
MODULES = Path("/usr/lib/nginx/modules")
# The Lua module needs the development kit loaded before it.
NEEDED_MODULES = ("ndk_http_module.so", "ngx_http_lua_module.so")
INSTALL = "apt-get install -y nginx libnginx-mod-http-lua"


def missing() -> str | None:
    """Why the front cache cannot run here, or None."""
    if nginx_binary() is None:
        return f"nginx is not installed: {INSTALL}"
    if not all((MODULES / name).exists() for name in NEEDED_MODULES):
        return f"nginx's Lua module is not installed: {INSTALL}"
    return None


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found is None and Path("/usr/sbin/nginx").exists():
        found = "/usr/sbin/nginx"
    return found


# How nginx serves in the benchmark, the static ceiling and the front cache
# alike: an http block's opening.
SERVING = """worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;"""


def front_cache_rules(folder: Path, *, app_port: int, purge_port: int) -> str:
    """deploy/nginx-front-cache.conf with this app, cache folder and purge port."""
    front = (DEPLOY / "nginx-front-cache.conf").read_text()
    front = _replace(front, "server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    front = _replace(front, "/var/lib/nginx/folio-pages", str(folder / "pages"))
    return _replace(front, "listen 127.0.0.1:6081;", f"listen 127.0.0.1:{purge_port};")


def main_context() -> str:
    """What nginx.conf's top level needs: the Lua module, and (as root) a user
    for the workers who may write in the test's or benchmark's folder."""
    modules = "".join(f"load_module {MODULES / name};\n" for name in NEEDED_MODULES)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"{modules}{user}"


def configuration(folder: Path, *, app_port: int, port: int, purge_port: int) -> str:
    """nginx.conf for a front cache on `port` before the app on `app_port`."""
    front = front_cache_rules(folder, app_port=app_port, purge_port=purge_port)
    locations = (DEPLOY / "nginx-folio-locations.conf").read_text()
    return f"""{main_context()}
{SERVING.format(folder=folder)}
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
{front}
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


@contextlib.contextmanager
def front_cache(folder: Path, app_port: int, purge_port: int | None = None):
    """The front cache before the app on `app_port`: (address, purge address)."""
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    folder.mkdir(parents=True, exist_ok=True)
    port, purge_port = free_port(), purge_port or free_port()
    config = folder / "nginx.conf"
    config.write_text(
        configuration(folder, app_port=app_port, port=port, purge_port=purge_port)
    )
    command = [
        nginx_binary(),
        "-p",
        str(folder),
        "-c",
        str(config),
        "-g",
        "daemon off;",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for_port(purge_port, process)
        yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{purge_port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"{old!r} is no longer in the shipped configuration")
    return text.replace(old, new)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        time.sleep(0.1)
    raise RuntimeError("nginx did not start")
