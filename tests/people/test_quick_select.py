"""QuickSelect writes the same select as Django's own widget (only faster): same elements, attributes and text."""

from html.parser import HTMLParser

from django import forms

from wijkkracht.people.forms import QuickSelect


def tokens(html: str) -> list:
    found: list = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(("start", tag, tuple(sorted(attrs))))

        def handle_endtag(self, tag):
            found.append(("end", tag))

        def handle_data(self, data):
            if data.strip():
                found.append(("text", data.strip()))

    Parser().feed(html)
    return found


CHOICES = [
    ("", "Kies uw buurt"),
    ("Randwijck", [("1", "Randwijck West"), ("2", "Randwijck <Oost> & zo")]),
    ("Westwijk", [("3", "Westwijk Noord")]),
]


def test_the_same_markup_as_djangos_select_with_a_choice_made():
    attrs = {"id": "id_neighbourhood", "aria-describedby": "id_neighbourhood_helptext", "required": True}
    ours = QuickSelect(choices=CHOICES).render("neighbourhood", "2", attrs)
    django = forms.Select(choices=CHOICES).render("neighbourhood", "2", attrs)
    assert tokens(ours) == tokens(django)
    assert "Randwijck &lt;Oost&gt; &amp; zo" in ours  # escaped
    assert '<option value="2" selected>' in ours


def test_the_same_markup_without_a_choice():
    ours = QuickSelect(choices=CHOICES).render("neighbourhood", None, {"id": "x"})
    assert tokens(ours) == tokens(forms.Select(choices=CHOICES).render("neighbourhood", None, {"id": "x"}))
