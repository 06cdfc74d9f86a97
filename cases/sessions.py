"""Idle sessions end after SESSION_COOKIE_AGE; the expiry moves on at most once a minute.

Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request: three of a list
page's ten-odd statements, and a row lock that concurrent tabs of one user queue on. This
middleware (placed after SessionMiddleware) marks the session modified only when it was last
pushed on SESSION_TOUCH_SECONDS or more ago, so an idle session still ends 30 minutes after
the last request, to within that minute.
"""

import time

from django.conf import settings

TOUCHED = "_touched"


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            # A session saved anyway is stamped too, so the next minute needs no write.
            if session.modified or now - session.get(TOUCHED, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[TOUCHED] = now  # modified: SessionMiddleware saves and re-sends it
        return response
