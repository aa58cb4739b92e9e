"""One limit on the size of every request body, checked on the Content-Length before a byte
of the body is read.

- A view that takes files (decorated with ``bijiang_social.uploads.limit_upload_size``) may
  receive up to ``REQUEST_UPLOAD_MAX_MB`` (what nginx lets through); each file in it is then
  cut off at its own limit while it arrives.
  So may a view marked with `accepts_uploads` (a form that checks its files' size itself).
- The admin, for a logged-in staff member, up to ``max(REQUEST_UPLOAD_MAX_MB,
  LESSON_VIDEO_MAX_MB + 1)``: lesson videos are uploaded there.
- Every other view (sign-ups, log-ins, look-ups) up to ``DATA_UPLOAD_MAX_MEMORY_SIZE``
  (``REQUEST_BODY_MAX_KB``), whatever the content type, so a multipart body with a file
  attached to a form that has no file field is not written to a temporary file first.

A body past its limit is answered 413 with a Chinese page that says the limit, and the
connection is closed, so the rest of it is never read.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bijiang_social import decisions

MB = 1024 * 1024
ACCEPTS_UPLOADS = "accepts_uploads"  # set on a view by limit_upload_size


def accepts_uploads(view):
    """Mark a view that takes files but checks their size in its form (not through
    ``limit_upload_size``): its body may be as large as ``REQUEST_UPLOAD_MAX_MB``."""
    setattr(view, ACCEPTS_UPLOADS, True)
    return view


def body_limit(request: HttpRequest, view) -> tuple[int, bool]:
    """(the most bytes this request's body may have, whether the view takes files)."""
    if getattr(view, ACCEPTS_UPLOADS, False):
        return settings.REQUEST_UPLOAD_MAX_MB * MB, True
    if request.path.startswith(f"/{settings.ADMIN_URL}") and decisions.allows(
        decisions.IS_STAFF_MEMBER, request.user
    ):
        return max(settings.REQUEST_UPLOAD_MAX_MB, settings.LESSON_VIDEO_MAX_MB + 1) * MB, True
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE, False


class BodyLimitMiddleware:
    """Placed before the CSRF middleware, whose check is the first to read a POST body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length
        limit, accepts_uploads = body_limit(request, view)
        if length <= limit:
            return None
        said = f"{limit // MB}MB" if limit >= MB else f"{limit // 1024}KB"
        context = {"limit": said, "accepts_uploads": accepts_uploads}
        response = render(request, "413.html", context, status=413)
        response["Connection"] = "close"
        return response
