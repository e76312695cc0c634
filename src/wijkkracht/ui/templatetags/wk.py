"""Documented UI components (see docs/ui.md). Each is an inclusion tag with its own small template."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()


@register.inclusion_tag("ui/components/area_map.html")
def area_map(
    shapes,
    view_box,
    label,
    highlight_code="",
    *,
    markers=(),
    label_size=0,
    small=False,
    current_is_page=False,
    links=True,
):
    """An inline-SVG map: `shapes` are objects with svg_path, name, cbs_code and an optional `url`.

    No tiles and no outside requests. Each linked shape is a keyboard-reachable link; the page must also
    list the same places as text (a map never stands alone).
    - `label_size` (map units): draw each shape's name inside it, at `label_x`/`label_y` over `label_lines`
      starting `label_dy` em up (see places/maps.py), so the map names its places on any screen.
    - `markers`: points with `x`, `y`, `name` drawn as community centre markers, with a legend.
    - `highlight_code`: the CBS code of the shape to mark (the current district).
    - a shape's optional `shade` (1–4) fills it darker step by step (a choropleth such as reach per neighbourhood;
      the page says what each step means and gives the numbers in a table).
    - `small`: a locator map (the district in its place in the city); `links=False` draws shapes without links."""
    try:
        unit = label_size or max(float(v) for v in str(view_box).split()[2:4]) / 34
    except ValueError:
        unit = 0
    return {
        "prefix": "map-" + slugify(label)[:40],
        "marker_r": f"{unit * 0.55:.0f}",
        "dot_r": f"{unit * 0.22:.0f}",
        "shapes": shapes,
        "view_box": view_box,
        "label": label,
        "highlight_code": highlight_code,
        "markers": markers,
        "label_size": label_size,
        "small": small,
        "links": links,
    }


@register.filter
def count(value):
    """A whole number as people read it in the current language: 13.375 in Dutch, 13,375 in English.
    None (unknown or secret) stays None, so templates can say so."""
    if value is None or value == "":
        return value
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.inclusion_tag("ui/components/breadcrumbs.html")
def breadcrumbs(*pairs):
    """Breadcrumbs from (label, url) pairs given flat: {% breadcrumbs 'Home' home_url district.name '' %}."""
    items = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
    return {"items": items}


@register.inclusion_tag("ui/components/field.html")
def field(bound_field):
    """One form field, rendered by Django itself (`as_field_group`: label, help text and errors tied to the
    input through aria-describedby, aria-invalid on error), in a wrapper that marks errors for the styles."""
    return {"field": bound_field}


def _summary_items(form) -> list[tuple[str, str, str]]:
    items: list[tuple[str, str, str]] = [("", str(error), "") for error in form.non_field_errors()]
    for bound in form:
        for error in bound.errors:
            items.append((str(bound.label), str(error), bound.auto_id or ""))
    return items


@register.inclusion_tag("ui/components/error_summary.html")
def error_summary(form_or_formset, message=""):
    """THE error summary for a form or formset: one alert at the top listing every error, each field's error
    linking to its input. Renders nothing when there are no errors. Pages show errors only through this and
    the fields themselves ({% field %}); the rules live in models, validators and services."""
    items: list[tuple[str, str, str]] = []
    if form_or_formset is not None and getattr(form_or_formset, "is_bound", False):
        if hasattr(form_or_formset, "forms"):  # a formset
            items = [("", str(error), "") for error in form_or_formset.non_form_errors()]
            for form in form_or_formset.forms:
                items.extend(_summary_items(form))
        else:
            items = _summary_items(form_or_formset)
    return {"items": items, "message": message}


@register.filter
def count_or_unknown(value):
    """Like `count`, but unknown or secret (None) reads as a dash on screen and as "onbekend" aloud."""
    if value is None:
        return format_html('<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>', _("onbekend"))
    return count(value)


FIGURE_COLUMNS = (
    # (attribute, column label): CBS age bands, written as a person says them ("0 t/m 14", not "0–15").
    ("inhabitants", gettext_noop("Inwoners")),
    ("age_0_15", gettext_noop("0 t/m 14 jaar")),
    ("age_15_25", gettext_noop("15 t/m 24 jaar")),
    ("age_25_45", gettext_noop("25 t/m 44 jaar")),
    ("age_45_65", gettext_noop("45 t/m 64 jaar")),
    ("age_65_plus", gettext_noop("65 jaar en ouder")),
)


@register.simple_tag
def figure_cells(figure):
    """The six number cells of a population figure row (inhabitants and the five age bands), each with its
    column name in `data-label` for the stacked phone layout. Built here rather than in an included template:
    /cijfers/ has a row per district, and an include per row cost a third of the page's time."""
    cells = ((_(label), count_or_unknown(getattr(figure, attr))) for attr, label in FIGURE_COLUMNS)
    return format_html_join("", '<td class="num" data-label="{}">{}</td>', cells)
