"""import_areas: CBS neighbourhood boundaries with their districts and municipality."""

import copy
import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.models import AreaShape, District, Municipality, Neighbourhood
from wijkkracht.places.services import ImportError_, areas_import

pytestmark = pytest.mark.django_db

BUURTEN = settings.WIJKKRACHT_SHARED_DATA / "amstelveen" / "buurten.geojson"


@pytest.fixture(scope="module")
def geojson():
    return json.loads(BUURTEN.read_text(encoding="utf-8"))


def run(path):
    out = StringIO()
    call_command("import_areas", str(path), stdout=out)
    return out.getvalue()


def counts():
    return Municipality.objects.count(), District.objects.count(), Neighbourhood.objects.count()


def snapshot():
    return (
        list(Municipality.objects.values_list("cbs_code", "name")),
        list(District.objects.values_list("cbs_code", "name", "municipality__cbs_code")),
        list(Neighbourhood.objects.values_list("cbs_code", "name", "district__cbs_code")),
        list(AreaShape.objects.order_by("cbs_code").values_list("cbs_code", "svg_path", "bbox")),
    )


def test_the_real_amstelveen_file_gives_1_municipality_14_districts_47_neighbourhoods():
    output = run(BUURTEN)
    assert counts() == (1, 14, 47)
    assert "1 gemeente(n), 14 wijken, 47 buurten geladen (62 nieuw, 0 bijgewerkt)" in output
    amstelveen = Municipality.objects.get()
    assert (amstelveen.cbs_code, amstelveen.name) == ("GM0362", "Amstelveen")
    stadshart = Neighbourhood.objects.select_related("district").get(cbs_code="BU03620401")
    assert (stadshart.name, stadshart.district.cbs_code) == ("Stadshart", "WK036204")
    shape = AreaShape.objects.get(cbs_code="BU03620401")
    assert shape.svg_path.startswith("M") and len(shape.bbox) == 4
    assert shape.boundary["type"] == "Polygon"
    assert 4.8 < stadshart.centroid_lon < 4.9 and 52.2 < stadshart.centroid_lat < 52.4
    assert AreaShape.objects.count() == 62
    assert AreaShape.objects.filter(svg_path="").count() == 0


def test_a_second_run_changes_nothing_but_reports_updates():
    run(BUURTEN)
    before = snapshot()
    ids = list(Neighbourhood.objects.values_list("public_id", flat=True))
    output = run(BUURTEN)
    assert counts() == (1, 14, 47)
    assert snapshot() == before
    assert list(Neighbourhood.objects.values_list("public_id", flat=True)) == ids
    assert "(0 nieuw, 62 bijgewerkt)" in output


def test_the_service_writes_an_audit_event(geojson, world):
    result = areas_import(data=geojson, actor=world.users["administrator"])
    assert (result.municipalities, result.districts, result.neighbourhoods) == (1, 14, 47)
    event = AuditEvent.objects.get(action="places.areas_import")
    assert event.actor == world.users["administrator"]
    assert event.detail == {"districts": 14, "neighbourhoods": 47}


# --- bad input: a CommandError with a clear message, nothing written ---------------------------------------


@pytest.fixture
def loaded():
    run(BUURTEN)
    return snapshot()


def write(tmp_path, data) -> str:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(data, indent=1) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_bad_json_names_the_line(tmp_path, loaded):
    with pytest.raises(CommandError, match=r"regel 3: geen geldige JSON"):
        run(write(tmp_path, '{\n"type": "FeatureCollection",\n"features": [,]\n}'))
    assert snapshot() == loaded


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path, loaded):
    path = tmp_path / "bad.geojson"
    path.write_bytes(b'{"name": "\xff\xfe"}')
    with pytest.raises(CommandError, match="UTF-8"):
        run(path)
    assert snapshot() == loaded


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        run(tmp_path / "nope.geojson")


def test_a_feature_without_buurtcode_names_the_feature_and_field(tmp_path, geojson, loaded):
    data = copy.deepcopy(geojson)
    data["features"][4]["properties"]["naam"] = "Nieuw"
    data["features"][0]["properties"]["buurtnaam"] = "Veranderd"  # must not be written
    del data["features"][4]["properties"]["buurtcode"]
    with pytest.raises(CommandError, match=r"feature 5: veld buurtcode ontbreekt"):
        run(write(tmp_path, data))
    assert snapshot() == loaded


def test_a_bad_code_names_the_field(tmp_path, geojson, loaded):
    data = copy.deepcopy(geojson)
    data["features"][1]["properties"]["wijkcode"] = "WK99"
    with pytest.raises(CommandError, match=r"feature 2: veld wijkcode heeft geen geldige CBS-code"):
        run(write(tmp_path, data))
    assert snapshot() == loaded


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": [4.85, 52.3]},
        {"type": "Polygon", "coordinates": [[[4.85, 52.3], [4.86, 52.3], [4.85, 52.3]]]},
        {"type": "Polygon", "coordinates": [[[4.85, 52.3], [4.86, "x"], [4.86, 52.31], [4.85, 52.3]]]},
        {"type": "Polygon", "coordinates": [[[400, 52.3], [4.86, 52.3], [4.86, 52.31], [400, 52.3]]]},
        # four positions but no area: passes the shape checks, fails on the centroid
        {"type": "Polygon", "coordinates": [[[4.85, 52.3], [4.86, 52.3], [4.87, 52.3], [4.85, 52.3]]]},
    ],
)
def test_invalid_geometry_names_the_feature_and_writes_nothing(tmp_path, geojson, loaded, geometry):
    data = copy.deepcopy(geojson)
    data["features"][0]["properties"]["buurtnaam"] = "Veranderd"
    data["features"][46]["geometry"] = geometry
    with pytest.raises(CommandError, match=r"feature 47: veld geometry is ongeldig"):
        run(write(tmp_path, data))
    assert snapshot() == loaded


@pytest.mark.parametrize("data", [[], {"type": "FeatureCollection", "features": []}, {"type": "Feature"}])
def test_not_a_feature_collection(tmp_path, data):
    with pytest.raises(CommandError):
        run(write(tmp_path, data))
    assert counts() == (0, 0, 0)


def test_a_duplicate_buurtcode_is_refused(geojson):
    data = copy.deepcopy(geojson)
    data["features"].append(copy.deepcopy(data["features"][0]))
    with pytest.raises(ImportError_, match="feature 48: buurtcode BU03620401 komt twee keer voor"):
        areas_import(data=data)
    assert counts() == (0, 0, 0)


def test_a_too_long_name_is_refused_before_anything_is_saved(geojson):
    data = copy.deepcopy(geojson)
    data["features"][30]["properties"]["buurtnaam"] = "x" * 121
    with pytest.raises(ImportError_, match="name"):
        areas_import(data=data)
    assert counts() == (0, 0, 0)
