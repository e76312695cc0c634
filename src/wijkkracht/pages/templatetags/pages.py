"""Contact on every page: `{% site_footer %}` (base.html) and `{% contact_panel %}` (the home page)."""

from django import template
from django.utils import timezone

from ..query import site_information
from ..views import centres_with_hours

register = template.Library()


@register.inclusion_tag("pages/components/site_footer.html")
def site_footer():
    """The footer: whom to call and when, where to drop in, and the statements. One query."""
    return {"info": site_information()}


@register.inclusion_tag("pages/components/contact_panel.html")
def contact_panel():
    """'Liever iemand spreken?': the phone number and today's opening hours of every centre."""
    today = timezone.localdate().weekday()
    centres = centres_with_hours()
    for centre in centres:
        centre.today = [h for h in centre.opening_hours.all() if h.weekday == today]
    return {"info": site_information(), "centres": centres}
