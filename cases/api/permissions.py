"""Who may call an operation: the pages' role permissions, per action.

Row visibility is not decided here: every view reads its rows through the model's selector
(cases.selectors, volunteers.selectors), so a row outside the caller's scope is a 404.
"""

from rest_framework.permissions import BasePermission


class RolePermission(BasePermission):
    """`view.required_perms` maps an action to the permission it needs (`"*"`: the rest).

    An empty list means "any signed-in user" (the rows and the task's own rules decide). An
    action missing from the map, with no `"*"`, is refused: a new action must say who may
    call it.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perms = getattr(view, "required_perms", {})
        action = getattr(view, "action", None)
        needed = perms.get(action, perms.get("*"))
        if needed is None:
            return False
        if isinstance(needed, str):
            needed = [needed]
        return all(user.has_perm(perm) for perm in needed)
