from django.conf import settings

from .models import SiteInformation


def site_information() -> SiteInformation | None:
    """The site information of the municipality this site serves (WIJKKRACHT_MUNICIPALITY), or None."""
    return (
        SiteInformation.objects.select_related("municipality")
        .filter(municipality__cbs_code=settings.WIJKKRACHT_MUNICIPALITY)
        .first()
    )
