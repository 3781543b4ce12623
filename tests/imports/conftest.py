import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded lists and problem files go to a temporary directory, not media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
