"""Focus is always visible: the focus ring has at least 3:1 contrast against every background it is drawn on,
in every theme (WCAG 2.1 1.4.11), computed from the colours in tokens.css and each theme file."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "src" / "wijkkracht" / "ui" / "static" / "ui"
THEMES = sorted((STATIC / "themes").glob("*.css"))
PROPERTY = re.compile(r"(--wk-[\w-]+)\s*:\s*([^;]+);")

# (focus token, background token, where): every place a focus ring is drawn, with what lies behind it.
PAIRS = [
    ("--wk-color-focus", "--wk-color-bg", "page"),
    ("--wk-color-focus", "--wk-color-surface", "footer, messages, map background"),
    ("--wk-color-focus", "--wk-color-map-fill", "map shape (the ring runs along its edge)"),
    ("--wk-color-focus", "--wk-color-map-highlight", "map shape under the pointer"),
    ("--wk-color-focus", "--wk-color-warning-bg", "demo banner, the chosen row of a table"),
    ("--wk-color-focus-on-brand", "--wk-color-brand", "header"),
]


def tokens(*files: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for file in files:
        for name, value in PROPERTY.findall(re.sub(r"/\*.*?\*/", "", file.read_text(), flags=re.S)):
            found[name] = value.strip()
    return found


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), f"not a hex colour: {colour}"

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(value[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#b34700", "#0b5394") == pytest.approx(1.4, abs=0.05)  # the old header ring: too weak


@pytest.mark.parametrize("theme", [None, *THEMES], ids=lambda t: "default" if t is None else t.stem)
@pytest.mark.parametrize(("focus", "background", "where"), PAIRS, ids=[p[2] for p in PAIRS])
def test_focus_ring_contrast_in_every_theme(theme, focus, background, where):
    colours = tokens(STATIC / "tokens.css", *([theme] if theme else []))
    ratio = contrast(colours[focus], colours[background])
    assert ratio >= 3.0, f"{focus} {colours[focus]} on {background} {colours[background]} ({where}): {ratio:.2f}:1"


def test_the_header_uses_its_own_focus_colour():
    css = (STATIC / "site.css").read_text()
    assert re.search(r"\.site-header :focus-visible\s*\{\s*outline-color:\s*var\(--wk-color-focus-on-brand\)", css)
    assert ".site-header { background: var(--wk-color-brand)" in css


def test_there_is_at_least_one_theme():
    assert THEMES, "themes live in ui/static/ui/themes/"
