"""The shipped site configuration (deploy/nginx.conf), run with the real nginx.

It serves uploads with `nosniff` and a sandboxing Content-Security-Policy,
with the front cache's rules and locations included as the README installs
them; the front cache's rules stay those of the app's page cache.
(tests/core/test_front_cache_live.py runs the front cache before the app.)
nginx and its Lua module come from Debian (`apt-get install -y nginx
libnginx-mod-http-lua`): skipped here without them, required in CI.
"""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from comments.visitor import REMEMBER_COOKIE
from core.cacheable import PERSONAL_PARAMS, PRIVATE_PREFIXES
from scripts import front_cache
from wordpress.addresses import QUERY_KEYS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def needed(program):
    path = shutil.which(program) or (
        f"/usr/sbin/{program}" if Path(f"/usr/sbin/{program}").exists() else None
    )
    reason = front_cache.missing() or (
        None if path else f"{program} not installed: apt-get install -y {program}"
    )
    if reason:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(tmp_path):
    """deploy/nginx.conf on local ports, with a throw-away certificate."""
    binary = needed("nginx")
    openssl = needed("openssl")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", tmp_path / "key.pem",
         "-out", tmp_path / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    media = tmp_path / "media"
    (media / "covers").mkdir(parents=True)
    (media / "covers" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    https, plain = free_port(), free_port()
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{plain};")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)
    site = re.sub(r"ssl_certificate .*;", f"ssl_certificate {tmp_path}/cert.pem;", site)
    site = re.sub(
        r"ssl_certificate_key .*;", f"ssl_certificate_key {tmp_path}/key.pem;", site
    )
    site = site.replace("alias /srv/folio/media/;", f"alias {media}/;")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "folio-locations.conf").write_text(
        (DEPLOY / "nginx-folio-locations.conf").read_text()
    )
    rules = front_cache.front_cache_rules(
        tmp_path, app_port=free_port(), purge_port=free_port()
    )
    (tmp_path / "nginx.conf").write_text(
        front_cache.main_context()
        + f"daemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\nhttp {\n"
        f"access_log off;\nclient_body_temp_path {tmp_path};\n"
        f"proxy_temp_path {tmp_path};\n{rules}\n{site}\n}}\n"
    )
    server = subprocess.Popen(
        [binary, "-p", tmp_path, "-c", tmp_path / "nginx.conf"],
        stderr=subprocess.PIPE,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", https), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail(server.communicate()[1].decode())
    yield https
    server.terminate()
    server.wait(timeout=10)


def request(port, method, path):
    context = ssl._create_unverified_context()  # the throw-away certificate
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context)
    connection.request(method, path, headers={"Host": "folio.example.com"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_nginx_serves_uploads_with_nosniff(nginx):
    response = request(nginx, "GET", "/media/covers/a.png")
    assert response.status == 200
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_nginx_serves_uploads_in_a_sandbox(nginx):
    response = request(nginx, "GET", "/media/covers/a.png")
    assert response.getheader("Content-Security-Policy") == "sandbox"


FRONT_RULES = (DEPLOY / "nginx-front-cache.conf").read_text()
LOCATIONS = (DEPLOY / "nginx-folio-locations.conf").read_text()


def test_the_front_cache_leaves_every_private_path_to_the_app():
    for prefix in PRIVATE_PREFIXES:
        if prefix != "/media/":  # the site serves uploads itself
            assert f"location ^~ {prefix} {{" in LOCATIONS


def test_the_front_cache_passes_every_parameter_the_app_never_caches():
    names = re.search(r"~\(\^\|&\)\(([a-z_|]+)\)\(=\|&\|\$\) 1;", FRONT_RULES)[1]
    assert set(names.split("|")) == set(PERSONAL_PARAMS) | set(QUERY_KEYS)


def test_the_front_cache_passes_every_personal_cookie():
    names = re.search(r"\(\^\|;\\s\*\)\(([a-z_|]+)\)=", FRONT_RULES)[1]
    assert set(names.split("|")) == {"sessionid", "messages", REMEMBER_COOKIE}
