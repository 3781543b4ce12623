from django.utils.functional import SimpleLazyObject


def navigation(request):
    """Give the layout the user's roles and areas, fetched only if the page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def roles():
        return list(user.role_assignments.select_related("area").order_by("role", "area__path"))

    return {"user_roles": SimpleLazyObject(roles)}
