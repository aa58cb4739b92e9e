"""Run deploy/nginx.conf with Debian's nginx on loopback, for `make scale-test` and `make bench`.

    python scripts/local_nginx.py start --dir DIR --listen 8100 --upstream 127.0.0.1:8101 ...
    python scripts/local_nginx.py stop --dir DIR

Only what differs on loopback is changed: the upstream servers (compose's web1/web2), the
listen address, the cache and temp directories (under DIR), and X-Forwarded-Proto is https
(standing in for the TLS that terminates at nginx in production). Everything else — proxy
headers, body limit, micro-cache rules — is the production file.
"""

import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def site_config(listen: str, upstreams: list[str], directory: Path, https: bool) -> str:
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server {host} max_fails=3 fail_timeout=10s;\n" for host in upstreams)
    site, count = re.subn(r"(?m)^    server web\d+:8000[^\n]*\n", "", site)
    assert count, "deploy/nginx.conf has no `server webN:8000` lines"
    site = site.replace("upstream portal {\n", "upstream portal {\n" + servers, 1)
    site = site.replace("listen 80;", f"listen {listen};", 1)
    site = site.replace("/var/cache/nginx/bijiang", str(directory / "cache"), 1)
    site = site.replace("/var/log/nginx/access.log", str(directory / "access.log"), 1)
    if https:
        site = site.replace("X-Forwarded-Proto $scheme", "X-Forwarded-Proto https", 1)
    return site


def main_config(directory: Path) -> str:
    # Workers run as whoever runs this script, so they can use the (private) scratch directory.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/site.conf;
}}
"""


def start(args) -> int:
    directory = Path(args.dir).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "site.conf").write_text(
        site_config(args.listen, args.upstream, directory, args.https)
    )
    (directory / "nginx.conf").write_text(main_config(directory))
    command = [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf")]
    subprocess.run([*command, "-t", "-q"], check=True)
    subprocess.run(command, check=True)
    url = f"http://{args.listen}/healthz"
    for _ in range(50):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return 0
        except OSError:
            time.sleep(0.1)
    print(f"nginx on {args.listen} does not answer", file=sys.stderr)
    return 1


def stop(args) -> int:
    directory = Path(args.dir).resolve()
    if (directory / "nginx.pid").exists():
        subprocess.run(
            [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-s", "stop"],
            check=False,
        )
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--listen", default="127.0.0.1:8100")
    parser.add_argument("--upstream", action="append", default=[])
    parser.add_argument("--https", action="store_true")
    arguments = parser.parse_args()
    sys.exit(start(arguments) if arguments.action == "start" else stop(arguments))
