"""Contact on every page: `{% site_footer %}` (base.html) and `{% contact_panel %}` (the home page)."""

from django import template
from django.utils import timezone

from ..query import footer_information, site_information
from ..views import centres_with_hours

register = template.Library()


@register.inclusion_tag("pages/components/site_footer.html")
def site_footer():
    """The footer: whom to call and when, which centres are open today, and the statements. One query."""
    return {"info": footer_information(), "today": timezone.localdate()}


@register.inclusion_tag("pages/components/contact_panel.html")
def contact_panel():
    """'Liever iemand spreken?': the phone number and today's opening hours of every centre."""
    today = timezone.localdate().weekday()
    centres = centres_with_hours()
    for centre in centres:
        centre.today = next((hours for weekday, _day, hours in centre.days if weekday == today), [])
    return {"info": site_information(), "centres": centres}
