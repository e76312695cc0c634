"""The CBS imports under hostile or broken files: a message naming the file and line, exit code 2, nothing
written; and a partial boundary file never destroys what other files loaded."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.places import kwb
from wijkkracht.places import geometry
from wijkkracht.places.models import AreaShape, District, Municipality, Neighbourhood, PopulationFigure

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def square(lon: float, lat: float, size: float = 0.01, *, start: int = 0) -> list[list[float]]:
    corners = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]]
    corners = corners[start:] + corners[:start]
    return [*corners, corners[0]]


def feature(bu: str, name: str, ring, *, wk_name: str = "Centrum", gm_name: str = "Proefdorp") -> dict:
    return {
        "type": "Feature",
        "properties": {
            "buurtcode": bu, "buurtnaam": name, "wijkcode": bu[:8].replace("BU", "WK"), "wijknaam": wk_name,
            "gemeentecode": bu[:6].replace("BU", "GM"), "gemeentenaam": gm_name,
        },
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }  # fmt: skip


def town() -> list[dict]:
    """Municipality GM9999: district WK999901 of two side-by-side squares, district WK999902 of one."""
    return [
        feature("BU99990101", "Noord", square(4.80, 52.30)),
        feature("BU99990102", "Zuid", square(4.81, 52.30)),
        feature("BU99990201", "Oost", square(4.80, 52.31), wk_name="Buiten"),
    ]


def geojson(tmp_path: Path, features: list[dict], name: str = "areas.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, indent=1), encoding="utf-8")
    return path


def import_areas(path: Path) -> str:
    out = StringIO()
    call_command("import_areas", str(path), stdout=out)
    return out.getvalue()


def refused(command: str, path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as exc:
        call_command(command, str(path), *args, stdout=StringIO(), stderr=StringIO())
    assert exc.value.returncode == 2
    message = str(exc.value)
    assert message.startswith(f"{path}: ") or command == "import_cbs_kwb"
    return message


def state() -> tuple:
    return (
        sorted(Municipality.objects.values_list("cbs_code", "name", "centroid_lon", "centroid_lat")),
        sorted(District.objects.values_list("cbs_code", "name", "centroid_lon", "centroid_lat")),
        sorted(Neighbourhood.objects.values_list("cbs_code", "name", "district__cbs_code")),
        sorted(AreaShape.objects.values_list("cbs_code", "svg_path", "bbox")),
    )


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def element_line(path: Path, number: int) -> int:
    """Line of the number-th feature or record of a file written with indent=1 (each opens on '  {')."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(lines, start=1) if line == "  {"][number - 1]


# --- a partial file updates only what it covers --------------------------------------------------------------


def test_a_file_with_one_neighbourhood_keeps_its_district_and_municipality_whole(tmp_path):
    import_areas(geojson(tmp_path, town()))
    full = state()
    district_before = AreaShape.objects.get(cbs_code="WK999901").svg_path
    # When a file with only Noord (renamed) is imported
    one = town()[:1]
    one[0]["properties"]["buurtnaam"] = "Noord-West"
    import_areas(geojson(tmp_path, one, "one.geojson"))
    # Then Noord is renamed, and nothing else changes: the district is still drawn from Noord and Zuid
    assert Neighbourhood.objects.get(cbs_code="BU99990101").name == "Noord-West"
    after = state()
    assert after[0] == full[0] and after[1] == full[1] and after[3] == full[3]
    assert AreaShape.objects.get(cbs_code="WK999901").svg_path == district_before
    assert Neighbourhood.objects.count() == 3


def test_a_district_outline_is_rebuilt_from_all_its_neighbourhoods(tmp_path):
    import_areas(geojson(tmp_path, town()))
    # When Zuid's boundary changes (it grows southwards), in a file without Noord
    zuid = feature("BU99990102", "Zuid", [[4.81, 52.29], [4.82, 52.29], [4.82, 52.31], [4.81, 52.31], [4.81, 52.29]])
    import_areas(geojson(tmp_path, [zuid], "zuid.geojson"))
    # Then the district's outline is Noord and the new Zuid together, as if both had been in one file
    together = [Neighbourhood.objects.get(cbs_code=c) for c in ("BU99990101", "BU99990102")]
    boundaries = [AreaShape.objects.get(cbs_code=n.cbs_code).boundary for n in together]
    expected, _ = geometry.svg_path(boundaries, dissolve=True)
    assert AreaShape.objects.get(cbs_code="WK999901").svg_path == expected
    municipality = [AreaShape.objects.get(cbs_code=c).boundary for c in ("BU99990101", "BU99990102", "BU99990201")]
    assert AreaShape.objects.get(cbs_code="GM9999").svg_path == geometry.svg_path(municipality, dissolve=True)[0]


def test_a_neighbourhood_that_moves_district_redraws_both_districts(tmp_path):
    import_areas(geojson(tmp_path, town()))
    moved = feature("BU99990102", "Zuid", square(4.81, 52.30), wk_name="Buiten")
    moved["properties"]["wijkcode"] = "WK999902"
    moved["properties"]["buurtcode"] = "BU99990102"
    # A neighbourhood code names its district, so moving means a new code: CBS renumbers
    moved["properties"]["buurtcode"] = "BU99990202"
    import_areas(geojson(tmp_path, [moved], "moved.geojson"))
    assert Neighbourhood.objects.get(cbs_code="BU99990202").district.cbs_code == "WK999902"
    both = [AreaShape.objects.get(cbs_code=c).boundary for c in ("BU99990201", "BU99990202")]
    assert AreaShape.objects.get(cbs_code="WK999902").svg_path == geometry.svg_path(both, dissolve=True)[0]


# --- names and codes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\u202e", "U+202E"), ("\x1b", "U+001B")])
def test_control_and_bidi_characters_in_names_are_refused(tmp_path, char, code):
    import_areas(geojson(tmp_path, town()))
    before = state()
    features = town()
    features[1]["properties"]["buurtnaam"] = f"Zu{char}id"
    path = geojson(tmp_path, features, "bad.geojson")
    message = refused("import_areas", path)
    assert (
        f"regel {element_line(path, 2)}, feature 2: veld buurtnaam bevat een teken dat niet is toegestaan ({code})"
        in message
    )
    assert state() == before


@pytest.mark.parametrize("digits", ["٠١٠١", "０１０１", "01²1"])
def test_codes_with_digits_other_than_0_to_9_are_refused(tmp_path, digits):
    features = town()
    features[2]["properties"]["buurtcode"] = f"BU9999{digits}"
    message = refused("import_areas", geojson(tmp_path, features))
    assert "feature 3: veld buurtcode heeft geen geldige CBS-code" in message
    assert Neighbourhood.objects.count() == 0


def test_cbs_figures_with_other_digits_are_not_loaded(tmp_path):
    records = [
        kwb.record("GM0362", "Gemeente", 94435),
        kwb.record("WK036201", "Wijk", 4200),
        kwb.record("BU0362٠١٠١", "Buurt", 10),
    ]
    out = StringIO()
    call_command("import_cbs_kwb", str(kwb.write_json(tmp_path / "kwb.json", records)), "--year", "2023", stdout=out)
    assert sorted(PopulationFigure.objects.values_list("cbs_code", flat=True)) == ["GM0362", "WK036201"]
    assert "ongeldige regiocode: 1" in out.getvalue()


def test_a_count_in_other_digits_is_refused(tmp_path):
    records = [kwb.record("GM0362", "Gemeente", "٣٠٠")]
    message = refused("import_cbs_kwb", kwb.write_csv(tmp_path / "kwb.csv", records), "--year", "2023")
    assert "regel 2: veld AantalInwoners_5 is geen aantal" in message
    assert not PopulationFigure.objects.exists()


def test_a_nul_in_a_cbs_name_is_refused(tmp_path):
    records = [kwb.record("GM0362", "Gemeente", 94435, municipality="Amstel\x00veen")]
    path = kwb.write_json(tmp_path / "kwb.json", records)
    message = refused("import_cbs_kwb", path, "--year", "2023")
    assert (
        f"regel {element_line(path, 1)}, record 1: veld Gemeentenaam_1 bevat een teken dat niet is toegestaan (U+0000)"
        in message
    )
    assert not PopulationFigure.objects.exists()


@pytest.mark.parametrize("period", ["0000JJ00", "9999JJ00", "1899", "2101JJ00"])
def test_years_outside_1900_to_2100_are_refused(tmp_path, period):
    records = [
        kwb.record("GM0362", "Gemeente", 94435, period="2023JJ00"),
        kwb.record("WK036201", "Wijk", 1, period=period),
    ]
    message = refused("import_cbs_kwb", kwb.write_json(tmp_path / "kwb.json", records))
    assert "record 2: veld Perioden is geen jaar van 1900 tot en met 2100" in message
    assert not PopulationFigure.objects.exists()


@pytest.mark.parametrize("year", ["0", "9999"])
def test_a_year_option_outside_1900_to_2100_is_refused(tmp_path, year):
    path = kwb.write_json(tmp_path / "kwb.json", [kwb.record("GM0362", "Gemeente", 94435)])
    with pytest.raises(CommandError, match="geen jaar van 1900 tot en met 2100") as exc:
        call_command("import_cbs_kwb", str(path), "--year", year, stdout=StringIO())
    assert exc.value.returncode == 2


# --- hostile files: exit 2 naming the line, never a traceback ------------------------------------------------


def test_very_deep_json_names_the_line(tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text('{"type": "FeatureCollection",\n"features": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    assert refused("import_areas", path) == f"{path}: regel 2: de JSON is dieper genest dan 200 niveaus."
    path = tmp_path / "deep.json"
    path.write_text('{"value": [\n{"x": ' + "[" * 100_000 + "]" * 100_000 + "}]}", "utf-8")
    assert "regel 2: de JSON is dieper genest dan 200 niveaus" in refused("import_cbs_kwb", path, "--year", "2023")


def test_an_integer_of_thousands_of_digits_names_the_line(tmp_path):
    features = town()
    features[1]["geometry"]["coordinates"][0][2][0] = 10**5000
    import sys as _sys

    limit = _sys.get_int_max_str_digits()
    _sys.set_int_max_str_digits(0)
    try:
        path = geojson(tmp_path, features)
    finally:
        _sys.set_int_max_str_digits(limit)
    line = line_of(path, "1" + "0" * 100)
    assert refused("import_areas", path) == f"{path}: regel {line}: een getal van 5001 cijfers is te groot."


@pytest.mark.parametrize(("value", "what"), [(2**64, "een getal van 20 cijfers is te groot"),
                                             (2**40, "veld AantalInwoners_5 is geen aantal")])  # fmt: skip
def test_counts_beyond_64_bits_are_refused_with_their_line(tmp_path, value, what):
    records = [kwb.record("GM0362", "Gemeente", 1), kwb.record("WK036201", "Wijk", value)]
    path = kwb.write_json(tmp_path / "kwb.json", records)
    message = refused("import_cbs_kwb", path, "--year", "2023")
    assert what in message
    assert f"regel {line_of(path, str(value)) if value > 2**63 else element_line(path, 2)}" in message
    assert not PopulationFigure.objects.exists()


def test_a_polygon_repeated_in_another_feature_is_refused(tmp_path):
    features = town()
    features[2]["geometry"]["coordinates"] = [square(4.80, 52.30, start=2)[::-1]]  # Noord's, from another corner
    path = geojson(tmp_path, features)
    message = refused("import_areas", path)
    assert (
        f"{path}: regel {element_line(path, 3)}, feature 3: polygoon 1 is dezelfde als polygoon 1 van feature 1"
        in message
    )
    assert not Neighbourhood.objects.exists()


def test_a_polygon_repeated_within_a_feature_is_refused(tmp_path):
    features = town()
    ring = square(4.80, 52.30)
    features[0]["geometry"] = {"type": "MultiPolygon", "coordinates": [[ring], [ring]]}
    message = refused("import_areas", geojson(tmp_path, features))
    assert "feature 1: polygoon 2 is dezelfde als polygoon 1 van feature 1" in message


def test_the_command_exits_2_without_a_traceback(tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text('{"features": ' + "[" * 50_000 + "]" * 50_000 + "}", "utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.test"}
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "import_areas", str(path)],
        cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{path}: regel 1: de JSON is dieper genest dan 200 niveaus." in done.stderr
