"""Neither gunicorn's nor nginx's access log holds a query string or a one-time token."""

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config

from bijiang_social.access_log import MaskedAccessLogger, mask_path

TOKEN = "c2Vjc-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d"
ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def _token_paths() -> dict[str, str]:
    """Real paths of the portal's token links → how the log must show them."""
    return {
        reverse("careers:activate", args=[TOKEN]): "/careers/activate/…/",
        reverse("careers:reset-password", args=[TOKEN]): "/careers/reset-password/…/",
        reverse("recruitment:password-reset-confirm", args=["MTI", "cbk1ck-" + "a1" * 16]): (
            reverse("recruitment:password-reset") + "…/…/"
        ),
    }


def test_every_token_link_is_masked_and_the_query_is_cut_off():
    for path, logged in _token_paths().items():
        assert mask_path(path) == logged
        assert mask_path(path + "?next=/x/&id=522201199001015100") == logged


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/services/track/",
        "/recruitment/account/password/reset/sent/",
        "/recruitment/account/password/reset/complete/",
        "/services/apply/minsheng-doudi/",
    ],
)
def test_ordinary_paths_stay_readable(path):
    assert mask_path(path) == path


def test_a_long_opaque_segment_anywhere_is_masked():
    assert mask_path(f"/accounts/idp/callback/{TOKEN}/") == "/accounts/idp/callback/…/"


def test_gunicorns_access_log_line_has_no_query_and_no_token():
    config = Config()
    config.set("accesslog", "-")
    config.set("logger_class", "bijiang_social.access_log.MaskedAccessLogger")
    assert config.logger_class is MaskedAccessLogger
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace := {})
    assert namespace["logger_class"] == "bijiang_social.access_log.MaskedAccessLogger"
    logger = MaskedAccessLogger(config)
    path = reverse("careers:activate", args=[TOKEN])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?phone=13700135555",
        "PATH_INFO": path,
        "QUERY_STRING": "phone=13700135555",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_REFERER": f"https://portal.example{path}?phone=13700135555",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, dt.timedelta(0))
    line = namespace["access_log_format"] % atoms
    assert "/careers/activate/…/" in line
    assert TOKEN not in line and "13700135555" not in line
    assert TOKEN not in atoms["r"] + atoms["U"] + atoms["f"] and atoms["q"] == "-"


def _nginx_map() -> list[tuple[re.Pattern, str]]:
    """The map's regex lines, in Python's spelling of named groups."""
    block = NGINX_CONF.read_text().split("map $uri $bijiang_logged_uri {")[1].split("\n}")[0]
    rules = []
    for pattern, value in re.findall(r'"~(.+?)"\s+"(.+?)";', block):
        rules.append((re.compile(pattern.replace("(?<", "(?P<")), value))
    return rules


def _nginx_logged(uri: str) -> str:
    for pattern, value in _nginx_map():
        if match := pattern.match(uri):
            return re.sub(r"\$\{(\w+)\}", lambda m: match.group(m.group(1)) or "", value)
    return uri


def test_nginx_logs_the_masked_path_only_never_the_query():
    conf = NGINX_CONF.read_text()
    log_format = conf.split("log_format bijiang_no_query")[1].split(";")[0]
    assert "$bijiang_logged_uri" in log_format
    for leaky in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$arg_"):
        assert leaky not in log_format
    assert "access_log /var/log/nginx/access.log bijiang_no_query;" in conf
    assert len(_nginx_map()) == 2
    for path, logged in _token_paths().items():
        assert _nginx_logged(path) == logged
    assert _nginx_logged("/recruitment/account/password/reset/sent/").endswith("/reset/sent/")
