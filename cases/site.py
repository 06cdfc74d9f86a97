"""The site: its home page opens the first app the user may use.

Viewflow's site index redirects to its first URL (the registry), which a team leader or a
volunteer may not read: they landed on a 403 right after signing in.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from viewflow.urls import Site


def may_open(app, user):
    """The app lets the user in, and so does one of its pages (when it lists any)."""
    if not app.has_view_permission(user):
        return False
    pages = [page for page in app.menu_items() if hasattr(page, "has_view_permission")]
    return not pages or any(page.has_view_permission(user) for page in pages)


class CaseworkSite(Site):
    @property
    def index_path(self):
        return path("", login_required(self.home), name="index")

    def home(self, request):
        for app in self.menu_items():
            if may_open(app, request.user):
                return redirect(app.reverse("index"))
        raise PermissionDenied
