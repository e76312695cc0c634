import pytest

from wijkkracht.volunteers import figures, suggestions


@pytest.fixture(autouse=True)
def _fresh_suggestions():
    """Every test starts without kept suggestion pools (a rolled-back test's rows may share a version)."""
    suggestions.clear_cache()
    figures.clear_kept()
    yield
    suggestions.clear_cache()
    figures.clear_kept()
