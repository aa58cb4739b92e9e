"""Whole-page caching for anonymous visitors, invalidated by every content change.

A page is cached under its path and query string, the age-friendly-mode cookie and today's
date (pages that show "upcoming" or "open now" change at midnight). Only plain anonymous
GETs are cached: no session cookie (staff), no pending messages, and never a response that
sets a cookie or carries a CSRF token — so one visitor's token never reaches another.

Invalidation: any model save or delete (except the ones listed in PAGE_CACHE_IGNORED_MODELS,
such as residents' applications), and any successful POST by staff (admin actions that use
queryset.update() send no signals), moves the content *stamp*. The stamp is part of every
key, so the next request misses and renders afresh in every process:
- with REDIS_URL the stamp lives in Redis next to the pages;
- without it, pages live in each process's memory and the stamp is a small file that every
  gunicorn worker on the machine reads (one small read per request), so an edit handled by one
  worker reaches all of them.
"""

import hashlib
import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from bijiang_social import elder_mode

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
}


def ignore_models(*labels: str) -> None:
    """Add models (app_label.modelname) whose changes never alter a public page; apps call it
    from their AppConfig.ready()."""
    PAGE_CACHE_IGNORED_MODELS.update(labels)


def _uses_redis() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _stamp_file() -> Path:
    if settings.PAGE_CACHE_STAMP_FILE:
        return Path(settings.PAGE_CACHE_STAMP_FILE)
    database = str(settings.DATABASES["default"].get("NAME", ""))
    digest = hashlib.sha1(database.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"bijiang-page-stamp-{digest}"


def current_stamp() -> str:
    if _uses_redis():
        stamp = cache.get(STAMP_KEY)
        if stamp is None:
            cache.add(STAMP_KEY, uuid.uuid4().hex, None)
            stamp = cache.get(STAMP_KEY, "")
        return stamp
    try:
        return _stamp_file().read_text()
    except FileNotFoundError:
        invalidate()
        return _stamp_file().read_text()


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


def _key(request: HttpRequest, stamp: str) -> str:
    mode = request.COOKIES.get(elder_mode.COOKIE_NAME, "")
    today = timezone.localdate().isoformat()
    raw = f"{stamp}|{today}|{mode}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            response = self.get_response(request)
            self._invalidate_after_staff_write(request, response)
            return response
        key = _key(request, current_stamp())
        cached = cache.get(key)
        if cached is not None:
            status, content_type, content = cached
            response = HttpResponse(content, status=status, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            cache.set(
                key,
                (response.status_code, response["Content-Type"], response.content),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "_page_cache_skip", False)
            and "no-cache" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
            and response["Content-Type"].startswith("text/html")
        )

    @staticmethod
    def _invalidate_after_staff_write(request: HttpRequest, response: HttpResponse) -> None:
        if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code >= 400:
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            invalidate()


# Stands in for the CSRF token in a cached form page; never a valid token.
CSRF_PLACEHOLDER = "csrf-token-placeholder-not-a-token"


def cached_form_page(request: HttpRequest, template_name: str, context) -> HttpResponse:
    """A form page whose only per-visitor part is the CSRF token.

    Rendered once with a placeholder where `{% csrf_token %}` goes and cached under the same
    key as whole pages; every response gets this visitor's own (masked) token and cookie, so
    no visitor ever receives another's. `context` is a callable, so a hit runs no query.
    """
    if not _cacheable_request(request):
        return render(request, template_name, context())
    key = "form-" + _key(request, current_stamp())
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            template_name, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request=request
        )
        cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    request._page_cache_skip = True  # the whole-page cache must not store this response
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
