import pytest

from wijkkracht.volunteers import suggestions


@pytest.fixture(autouse=True)
def _fresh_suggestions():
    """Every test starts without kept suggestion pools (a rolled-back test's rows may share a version)."""
    suggestions.clear_cache()
    yield
    suggestions.clear_cache()
