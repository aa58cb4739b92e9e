"""Whole-page caching for anonymous visitors, invalidated by every content change.

A page is cached under its scheme, host and path, the query parameters it reads (learned from
its first render; the others are dropped before the view sees them), the age-friendly mode as
on/off and today's date (pages that show "upcoming" or "open now" change at midnight).
The middleware sits near the top of MIDDLEWARE and stores the headers with the page, so a hit
costs less than a bare view and carries exactly the headers of a miss. Only plain anonymous
GETs are cached: no session cookie (staff), no pending messages, and never a response that
sets a cookie or carries a CSRF token — so one visitor's token never reaches another.

Invalidation: any model save or delete (except the ones listed in PAGE_CACHE_IGNORED_MODELS,
such as residents' applications), and any successful POST by staff (admin actions that use
queryset.update() send no signals), moves the content *stamp*. The stamp is part of every
key, so the next request misses and renders afresh in every process:
- with REDIS_URL the stamp lives in Redis next to the pages;
- without it, pages live in each process's memory and the stamp is a small file that every
  gunicorn worker on the machine checks (one stat() per request: a new file is renamed over
  it at every edit), so an edit handled by one worker reaches all of them.

Redis is an optimisation, never a dependency: when it does not answer, every page is rendered
uncached (cache_backends.ResilientRedisCache), and when it is back the stamp moves, so an edit
made during the outage (whose invalidation could not reach Redis) is never hidden behind a
page cached before it.
"""

import functools
import hashlib
import os
import tempfile
import uuid
from operator import itemgetter
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from bijiang_social import decisions, elder_mode
from bijiang_social.cache_backends import on_reconnect

STAMP_KEY = "page-cache-stamp"
# Models whose changes never alter a public page.
PAGE_CACHE_IGNORED_MODELS = {
    "sessions.session",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "contenttypes.contenttype",
    "auth.user",
    "bijiang_social.ratecounter",
    # Visitors' 找错 reports: their published counts page is kept a few minutes only.
    "bijiang_social.errorreport",
}


def ignore_models(*labels: str) -> None:
    """Add models (app_label.modelname) whose changes never alter a public page; apps call it
    from their AppConfig.ready()."""
    PAGE_CACHE_IGNORED_MODELS.update(labels)


def _uses_redis() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _stamp_file() -> Path:
    return _stamp_path(
        settings.PAGE_CACHE_STAMP_FILE, str(settings.DATABASES["default"].get("NAME", ""))
    )


@functools.cache
def _stamp_path(configured: str, database: str) -> Path:
    """PAGE_CACHE_STAMP_FILE, else a file named after the database (worked out once)."""
    if configured:
        return Path(configured)
    digest = hashlib.sha1(database.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"bijiang-page-stamp-{digest}"


def current_stamp() -> str | None:
    """The content stamp; None when Redis holds it and does not answer (cache nothing)."""
    if _uses_redis():
        stamp = cache.get(STAMP_KEY)
        if stamp is None:
            cache.add(STAMP_KEY, uuid.uuid4().hex, None)
            stamp = cache.get(STAMP_KEY)
        return stamp
    # One stat() rather than open/read/close: every invalidation writes a new file and renames
    # it over the old one, so its inode and modification time change with every edit.
    path = _stamp_file()
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        invalidate()
        stat = os.stat(path)
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def invalidate() -> None:
    """Make every cached page stale, in every process."""
    if _uses_redis():
        cache.set(STAMP_KEY, uuid.uuid4().hex, None)
        return
    path = _stamp_file()
    # Write-then-rename, so a reader never sees a half-written stamp.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    temporary.write_text(uuid.uuid4().hex)
    os.replace(temporary, path)


on_reconnect(invalidate)


def _on_change(sender, **kwargs) -> None:
    label = sender._meta.label_lower
    if label in PAGE_CACHE_IGNORED_MODELS or label.split(".")[0] in {"sessions"}:
        return
    if sender._meta.model_name.startswith("historical"):
        return
    invalidate()


post_save.connect(_on_change, dispatch_uid="page-cache-post-save")
post_delete.connect(_on_change, dispatch_uid="page-cache-post-delete")
m2m_changed.connect(_on_change, dispatch_uid="page-cache-m2m")


def _cacheable_request(request: HttpRequest) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.path.startswith(("/" + settings.ADMIN_URL, settings.STATIC_URL))


# The query parameters each page reads, learned from its first render in this process:
# path → frozenset of names, or ALL when the page iterates over the whole query.
ALL = None
_MAX_LEARNED_PATHS = 5000
_learned: dict[str, frozenset[str] | None] = {}


class _ReadTrackingQueryDict(QueryDict):
    """request.GET that remembers which names the view asked for (present or not)."""

    def __init__(self, query_string: str | bytes):
        self.names_read: set[str] = set()
        self.read_all = False
        super().__init__(query_string)
        self.names_read.clear()  # what QueryDict itself looked at while parsing

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.names_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def _everything(self, method, *args):
        self.read_all = True
        return getattr(super(), method)(*args)

    def __iter__(self):
        return self._everything("__iter__")

    def items(self):
        return self._everything("items")

    def lists(self):
        return self._everything("lists")

    def keys(self):
        return self._everything("keys")

    def values(self):
        return self._everything("values")

    def dict(self):
        return self._everything("dict")

    def urlencode(self, safe=None):
        return self._everything("urlencode", safe)

    def copy(self):
        return self._everything("copy")


def _query_pairs(request: HttpRequest) -> list[tuple[str, str]] | None:
    """The query's (name, value) pairs exactly as request.GET would parse them, without
    building a QueryDict; None for a query Django refuses (too many fields)."""
    # WSGI hands the query over as latin-1 text of the raw bytes (as Django reads it).
    raw = request.META.get("QUERY_STRING", "").encode("iso-8859-1")
    try:
        text = raw.decode(settings.DEFAULT_CHARSET)
    except UnicodeDecodeError:
        text = raw.decode("iso-8859-1")
    try:
        return parse_qsl(
            text,
            keep_blank_values=True,
            encoding=settings.DEFAULT_CHARSET,
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except ValueError:
        return None


def _only(pairs: list[tuple[str, str]], names) -> str:
    """The query string of `names` only, sorted by name (a name's values keep their order),
    so one page has one key."""
    return urlencode(sorted(((k, v) for k, v in pairs if k in names), key=itemgetter(0)))


def _key_for(request: HttpRequest, stamp: str, query: str) -> str:
    """The page's identity: the stamp, today, the mode as on/off, scheme and host, the path
    and the query parameters the page reads — nothing a visitor can vary at will beyond
    what changes the page. Scheme and host are in it because a page shows absolute links
    (canonical) built from them; the middleware has already refused a host outside
    ALLOWED_HOSTS and noted the origin."""
    mode = "elder" if elder_mode.is_on(request) else "standard"
    today = timezone.localdate().isoformat()
    raw = f"{stamp}|{today}|{mode}|{request.page_cache_origin}|{request.path}?{query}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _use_query(request: HttpRequest, query: str) -> None:
    """Let the view see only `query`: the page then depends on nothing outside its key."""
    request.META["QUERY_STRING"] = query
    request.GET = _ReadTrackingQueryDict(query)


class PublicPageCacheMiddleware:
    """Near the top of MIDDLEWARE: a hit is answered before sessions, CSRF, auth and the
    view run, with the full header set the miss had (security headers, CSP, X-Frame-Options
    …, all added below this middleware and stored with the page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.page_cache_key = None
        if not _cacheable_request(request):
            response = self.get_response(request)
            self._invalidate_after_staff_write(request, response)
            return response
        # Refuse a host outside ALLOWED_HOSTS (DisallowedHost → 400) before the cache is
        # consulted, exactly as an uncached page would.
        request.page_cache_origin = f"{request.scheme}://{request.get_host()}"
        stamp = current_stamp()
        if stamp is None:
            return self.get_response(request)
        raw_query = request.META.get("QUERY_STRING", "")
        if not raw_query:
            return self._serve(request, _key_for(request, stamp, ""), frozenset())
        learned = _learned.get(request.path, "unknown")
        pairs = _query_pairs(request)
        if learned is ALL or pairs is None:
            return self.get_response(request)
        if learned == "unknown":
            return self._learn(request, stamp, pairs)
        query = _only(pairs, learned)
        return self._serve(request, _key_for(request, stamp, query), learned, query)

    def _serve(
        self, request: HttpRequest, key: str, names: frozenset[str], query: str | None = None
    ) -> HttpResponse:
        request.page_cache_key = key
        cached = cache.get(key)
        if cached is not None:
            status, headers, content, *form = cached
            if form:
                return _form_hit(request, status, headers, content)
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        if query is not None:  # the view sees only the parameters it reads
            _use_query(request, query)
        response = self.get_response(request)
        tracker = request.GET if isinstance(request.GET, _ReadTrackingQueryDict) else None
        if tracker is not None and (tracker.read_all or not tracker.names_read <= names):
            # The page reads more than it did before: learn it again, store nothing now.
            _learned.pop(request.path, None)
            return response
        self._store(request, response, key)
        return response

    def _learn(
        self, request: HttpRequest, stamp: str, pairs: list[tuple[str, str]]
    ) -> HttpResponse:
        """First request with a query string for this path: render with every parameter and
        note which the page read; store it under those only."""
        full = request.META.get("QUERY_STRING", "").encode("iso-8859-1")
        request.GET = tracker = _ReadTrackingQueryDict(full)
        response = self.get_response(request)
        if response.status_code != 200:
            return response
        if len(_learned) >= _MAX_LEARNED_PATHS:
            _learned.clear()
        if tracker.read_all:
            _learned[request.path] = ALL
            return response
        names = frozenset(tracker.names_read)
        _learned[request.path] = names
        query = _only(pairs, names)
        if query == _only(pairs, {name for name, _ in pairs}):
            # Every parameter sent was one the page reads: the page is exactly its key's.
            self._store(request, response, _key_for(request, stamp, query))
        return response

    @staticmethod
    def _store(request: HttpRequest, response: HttpResponse, key: str) -> None:
        form_html = getattr(request, "_page_cache_form_html", None)
        if form_html is not None:
            _store_form(response, key, form_html)
            return
        if not PublicPageCacheMiddleware._cacheable_response(request, response):
            return
        seconds = min(settings.PAGE_CACHE_SECONDS, getattr(response, "page_cache_seconds", 10**9))
        # How others (nginx, a CDN, the browser) may keep it: briefly, and apart per mode.
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(response, max_age=min(settings.PAGE_CACHE_PUBLIC_SECONDS, seconds))
        headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
        cache.set(key, (response.status_code, headers, response.content), seconds)
        response["X-Page-Cache"] = "miss"

    @staticmethod
    def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "no-cache" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and response["Content-Type"].startswith("text/html")
        )

    @staticmethod
    def _invalidate_after_staff_write(request: HttpRequest, response: HttpResponse) -> None:
        if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code >= 400:
            return
        user = getattr(request, "user", None)
        if decisions.allows(decisions.IS_STAFF_MEMBER, user):
            invalidate()


def keep_for(response: HttpResponse, seconds: int) -> HttpResponse:
    """Let the page cache keep this page for at most `seconds`: for figures that move without
    a content edit (counts of candidates' registrations, which never invalidate the cache)."""
    response.page_cache_seconds = seconds
    return response


# Stands in for the CSRF token in a cached form page; never a valid token.
CSRF_PLACEHOLDER = "csrf-token-placeholder-not-a-token"
# Reads the visitor's CSRF cookie and sets a new one exactly as CsrfViewMiddleware does, for
# form pages answered from the cache above it.
_csrf = CsrfViewMiddleware(lambda request: None)


def cached_form_page(request: HttpRequest, template_name: str, context) -> HttpResponse:
    """A form page whose only per-visitor part is the CSRF token.

    Rendered with a placeholder where `{% csrf_token %}` goes; the page cache stores that
    rendering with the response's headers, and answers the next visitor from the top of
    MIDDLEWARE (`_form_hit`) with their own (masked) token and cookie, so no visitor ever
    receives another's. `context` is a callable, so a hit runs no query.
    """
    if getattr(request, "page_cache_key", None) is None:
        return render(request, template_name, context())
    html = render_to_string(
        template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request=request
    )
    request._page_cache_form_html = html
    response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    # It carries this visitor's token: no shared cache (nginx, a CDN) may keep it.
    patch_cache_control(response, private=True)
    return response


def _store_form(response: HttpResponse, key: str, html: str) -> None:
    """Keep a form page with its placeholder and the headers the stack below gave it; the
    only cookie it may set is this visitor's CSRF cookie, which a hit sets afresh."""
    if (
        response.status_code != 200
        or response.streaming
        or set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    ):
        return
    headers = {
        name: value
        for name, value in response.items()
        if name not in ("X-Page-Cache", "Content-Length")
    }
    cache.set(key, (200, headers, html, "form"), settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


def _form_hit(request: HttpRequest, status: int, headers: dict, html: str) -> HttpResponse:
    _csrf.process_request(request)  # the visitor's own secret, or a new one
    content = html.replace(CSRF_PLACEHOLDER, get_token(request)).encode()
    response = HttpResponse(content, status=status, headers=headers)
    response["Content-Length"] = str(len(content))
    _csrf.process_response(request, response)  # sets the cookie when the secret is new
    response["X-Page-Cache"] = "hit"
    return response
