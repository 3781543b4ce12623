import pytest

from ..factories import ResidentialGroupFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded lists and problem files go to a temporary directory, not media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dong_an(ward):
    """Khóm Đông An of `ward`: the group the lists built in sheets.py name."""
    return ResidentialGroupFactory(parent=ward, name="Khóm Đông An", code="001")
