import pytest

from .register import create


@pytest.fixture
def officer(client, ward_officer):
    # `ward_officer` logged in on `client`, named Võ Thị Lan as the history shows her.
    ward_officer.first_name, ward_officer.last_name = "Lan", "Võ Thị"
    ward_officer.save(update_fields=["first_name", "last_name"])
    client.force_login(ward_officer)
    return ward_officer


@pytest.fixture
def household(ward, ward_officer):
    """AG-001 of `ward` saved by the officer: Nguyễn Đức Thắng (head) and Trần Thị Mai."""
    return create(ward_officer, ward)
