"""Documented UI components (see docs/ui.md). Each is an inclusion tag with its own small template."""

from django import template

register = template.Library()


@register.inclusion_tag("ui/components/area_map.html")
def area_map(shapes, view_box, label, highlight_code=""):
    """An inline-SVG map: `shapes` are objects with svg_path, name, cbs_code and an optional `url`.

    No tiles and no outside requests. Each linked shape is a keyboard-reachable link; the page must also
    list the same places as text (a map never stands alone)."""
    return {"shapes": shapes, "view_box": view_box, "label": label, "highlight_code": highlight_code}


@register.inclusion_tag("ui/components/breadcrumbs.html")
def breadcrumbs(*pairs):
    """Breadcrumbs from (label, url) pairs given flat: {% breadcrumbs 'Home' home_url district.name '' %}."""
    items = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
    return {"items": items}


@register.inclusion_tag("ui/components/field.html")
def field(bound_field):
    """One form field with label, help text and errors tied to it through aria-describedby."""
    return {"field": bound_field}
