"""An idle timeout without a database write on every request.

Django keeps a session alive for `SESSION_COOKIE_AGE` after its last *save*. Saving on every
request (`SESSION_SAVE_EVERY_REQUEST`) gives an exact idle timeout but writes the session row on
every page a logged-in person opens — on SQLite each write takes the database's write lock.
Here a request saves the session only when it changed or when `SESSION_TOUCH_SECONDS` have
passed since it was last saved, so a session ends between `SESSION_COOKIE_AGE - TOUCH` and
`SESSION_COOKIE_AGE` after the last request: never later than the idle timeout, at most one
touch interval earlier.
"""

import time

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

TOUCHED_KEY = "_touched"


def needs_touch(touched_at: float | None, now: float, interval: int) -> bool:
    """A session last saved at `touched_at` (epoch seconds, None: never) is saved again now."""
    return touched_at is None or now - touched_at >= interval


class IdleTimeoutSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware, saving an unchanged session once per touch interval."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and session.session_key:
            now = time.time()
            if session.modified or needs_touch(
                session.get(TOUCHED_KEY), now, settings.SESSION_TOUCH_SECONDS
            ):
                session[TOUCHED_KEY] = now
        return super().process_response(request, response)
