"""What the demo commands of this app start from: bin/dev's ward officer and ward."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from areas.models import Role


def demo_officer_and_ward(needs: str):
    """(the officer `canbo`, the ward of the role), or CommandError naming `needs`."""
    officer = get_user_model().objects.filter(username="canbo").first()
    role = officer and officer.role_assignments.filter(role=Role.WARD_OFFICER).first()
    if role is None:
        raise CommandError(f"Chạy {needs} trước.")
    return officer, role.area
