import pytest

from areas.models import Role

from .celery_worker import started, worker  # noqa: F401  (fixtures for the tests about tasks)
from .factories import ProvinceFactory, RoleFactory, UserFactory, WardFactory
from .seeds import seed_migrated_rows


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database may have been emptied by the last run's transactional tests."""
    with django_db_blocker.unblock():
        seed_migrated_rows()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def province(db):
    """The province the approver works for: holds `ward` and `other_ward`."""
    return ProvinceFactory(code="91", name="An Giang")


@pytest.fixture
def ward(province):
    return WardFactory(parent=province, code="30307", name="Phường Long Xuyên")


@pytest.fixture
def other_ward(province):
    return WardFactory(parent=province, code="30292", name="Phường Bình Đức")


@pytest.fixture
def far_ward(db):
    """A ward in another province: outside the approver's area."""
    return WardFactory(
        parent=ProvinceFactory(code="01", name="Hà Nội"), code="00070", name="Phường Hoàn Kiếm"
    )


@pytest.fixture
def ward_officer(ward):
    # Reads and writes households of `ward` only.
    return RoleFactory(user=UserFactory(username="canbo"), area=ward).user


@pytest.fixture
def other_ward_officer(other_ward):
    # Reads and writes households of `other_ward` only.
    return RoleFactory(user=UserFactory(username="canbo2"), area=other_ward).user


@pytest.fixture
def approver(province):
    # Reads every ward of `province`, writes none, sees nothing of `far_ward`.
    return RoleFactory(
        user=UserFactory(username="pheduyet"), area=province, role=Role.APPROVER
    ).user


@pytest.fixture
def admin_user(province):
    # Superuser holding the administrator role: everything, including the admin site.
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    RoleFactory(user=user, area=province, role=Role.ADMINISTRATOR)
    return user
