"""What the access log may say about a request: its method and path, never its query string
(a tracking look-up's digits, a ``?next=``), and never a one-time token in the path.

`mask_path` replaces the path segments that carry a token with ``…``: the one after
``activate/`` or ``reset-password/`` (workers' activation and reset links), the two after
``password/reset/`` (a candidate's reset link: the account's id and the token; ``sent/`` and
``complete/`` stay readable), and any long opaque segment of letters and digits wherever it
is (an identity provider's callback, a link added later). `MaskedAccessLogger` is gunicorn's
logger with those rules (``logger_class`` in gunicorn.conf.py); deploy/nginx.conf applies the
same rules with a ``map`` and logs ``$uri`` only.
"""

import re

from gunicorn.glogging import Logger

MASK = "…"
# A segment name → how many segments after it are a token.
_TOKEN_AFTER = {"activate": 1, "reset-password": 1, "reset": 2}
_NOT_A_TOKEN = {"sent", "complete", "done", "set-password"}
_OPAQUE = re.compile(r"(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\-:.=]{20,}")


def mask_path(path: str) -> str:
    """The path with its query cut off and every token segment replaced by ``…``."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    masked, owed = [], 0
    for segment in path.split("/"):
        if owed and segment and segment not in _NOT_A_TOKEN:
            masked.append(MASK)
            owed -= 1
            continue
        owed = 0
        masked.append(MASK if _OPAQUE.fullmatch(segment) else segment)
        owed = _TOKEN_AFTER.get(segment, 0)
    return "/".join(masked)


class MaskedAccessLogger(Logger):
    """gunicorn's logger, whose request atoms carry no query string and no token: %(r)s,
    %(U)s and the Referer %(f)s are masked, %(q)s is always empty."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = mask_path(environ.get("PATH_INFO", ""))
        atoms["U"] = path
        atoms["q"] = "-"
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        referer = environ.get("HTTP_REFERER")
        atoms["f"] = mask_path(referer) if referer else "-"
        return atoms
