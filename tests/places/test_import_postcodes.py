"""import_postcodes: CBS "Postcode huisnummer wijk buurt" on a small file made here (same columns as CBS)."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.models import PostcodeArea
from wijkkracht.places.postcodes import buurtcode

# One line per address, `;`-separated, buurtcode without BU and without its leading zero, as CBS writes it.
# 1181AC spans two neighbourhoods (2 addresses in BU03620101, 1 in BU03620701); 1011AB is in Amsterdam.
PC6HNR = """PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024
1181AB;1;3620101;36201;362
1181AB;3;3620101;36201;362
1181AB;5;3620101;36201;362
1181AC;2;3620101;36201;362
1181AC;4;3620101;36201;362
1181AC;6;3620701;36207;362
1187XY;10;03620701;036207;0362
1011AB;1;3630000;36300;363
"""


def write(tmp_path, text, name="pc6hnr.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load(path):
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    return out.getvalue()


def table():
    return sorted(PostcodeArea.objects.values_list("postcode", "neighbourhood__cbs_code", "addresses"))


def test_the_importer_maps_each_postcode_to_its_neighbourhood(world, tmp_path):
    out = load(write(tmp_path, PC6HNR))
    assert table() == [
        ("1181AB", "BU03620101", 3),
        ("1181AC", "BU03620101", 2),  # the neighbourhood with the most addresses
        ("1187XY", "BU03620701", 1),
    ]
    assert "3 postcodes geladen in 2 buurten (8 regels gelezen, 1 overgeslagen)" in out
    assert "1 postcodes liggen in meer dan één buurt" in out
    event = AuditEvent.objects.get(action="places.postcode_table_import")
    assert event.detail == {"postcodes": 3, "neighbourhoods": 2, "skipped": 1}


def test_a_second_import_replaces_the_table(world, tmp_path):
    load(write(tmp_path, PC6HNR))
    load(write(tmp_path, "PC6;Huisnummer;Buurt2025\n1181ZZ;1;BU03620701\n", name="new.csv"))
    assert table() == [("1181ZZ", "BU03620701", 1)]


def test_the_zip_cbs_publishes_and_a_comma_separated_per_postcode_file(world, tmp_path):
    archive = tmp_path / "pc6hnr20240801_gwb.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt.pdf", "not this")
        z.writestr("pc6hnr20240801_gwb.csv", PC6HNR)
    load(archive)
    assert len(table()) == 3
    load(write(tmp_path, '"PC6","Buurt2023","Wijk2023"\n"1181 AB","3620701","36207"\n', name="pc6.csv"))
    assert table() == [("1181AB", "BU03620701", 1)]


def test_a_windows_encoded_file_is_read(world, tmp_path):
    load(write(tmp_path, "PC6;Huisnummer;Buurt2024;Straat\n1181AB;1;3620101;Café\n", encoding="cp1252"))
    assert table() == [("1181AB", "BU03620101", 1)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Postcode4;Nummer\n1181;1\n", "de kolommen PC6 en Buurt… ontbreken"),
        ("PC6;Huisnummer;Buurt2024\n1181AB;1;3620101\n11A1AB;2;3620101\n", "Regel 3: kolom pc6 heeft geen"),
        ("PC6;Huisnummer;Buurt2024\n1181AB;1;wijk\n", "Regel 2: kolom buurt2024 heeft geen geldige buurtcode"),
        ("PC6;Huisnummer;Buurt2024\n1181AB\n", "Regel 2: te weinig kolommen"),
        ("PC6;Huisnummer;Buurt2024\n", "geen regels met postcodes"),
        ("PC6;Huisnummer;Buurt2024\n1011AB;1;3630000\n", "Geen enkele postcode ligt in een geladen buurt"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(world, tmp_path, text, message):
    PostcodeArea.objects.create(postcode="1181AA", neighbourhood=world.neighbourhood_a, addresses=1)
    with pytest.raises(CommandError) as error:
        load(write(tmp_path, text))
    assert message in str(error.value)
    assert table() == [("1181AA", "BU03620101", 1)]
    assert not AuditEvent.objects.filter(action="places.postcode_table_import").exists()


def test_a_missing_or_broken_file_is_a_clear_error(world, tmp_path):
    with pytest.raises(CommandError, match="kan niet worden gelezen"):
        load(tmp_path / "missing.csv")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CommandError):
        load(broken)


@pytest.mark.parametrize(
    ("value", "code"),
    [("3620101", "BU03620101"), ("03620101", "BU03620101"), ("BU03620101", "BU03620101"), ("x", None), ("12", None)],
)
def test_buurtcode_forms(value, code):
    assert buurtcode(value) == code
