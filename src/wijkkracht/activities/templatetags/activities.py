"""`{% whats_on %}`: what is on this week, for the home, district and centre pages (places' templates load it;
places imports nothing from activities). Two queries: the week's sessions and those for young people."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from ..constants import WHATS_ON_LIMIT, YOUTH_BAND
from ..models import Session
from ..query import age_q

register = template.Library()


@register.inclusion_tag("activities/_whats_on.html")
def whats_on(*, district=None, centre=None, heading_level: int = 2):
    now = timezone.now()
    end = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    qs = Session.objects.on_calendar().scheduled().filter(ends_at__gt=now, starts_at__lt=end)
    query: dict[str, str] = {}
    feed = ""
    if centre is not None:
        qs = qs.filter(activity__centre=centre)
        query["centrum"] = centre.slug
        feed = reverse("activities:feed_centre", args=[centre.slug])
    elif district is not None:
        qs = qs.filter(activity__district=district)
        query["wijk"] = district.slug
        feed = reverse("activities:feed_district", args=[district.slug])
    qs = qs.for_listing().order_by("starts_at", "pk")
    sessions = list(qs[:WHATS_ON_LIMIT])
    young = list(qs.filter(age_q(YOUTH_BAND, "activity__"))[:3])
    calendar = reverse("activities:calendar")
    return {
        "sessions": sessions,
        "young": young,
        "calendar_url": f"{calendar}?{urlencode(query)}" if query else calendar,
        "youth_url": f"{calendar}?{urlencode({**query, 'leeftijd': str(YOUTH_BAND)})}",
        "heading_level": heading_level,
        "place": centre or district,
        "feed": feed,
    }
