"""import_cbs_kwb: CBS Kerncijfers wijken en buurten into PopulationFigure."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.places import kwb
from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.models import PopulationFigure
from wijkkracht.places.services import ImportError_, population_figures_import

pytestmark = pytest.mark.django_db


def amstelveen(period=None):
    return [
        kwb.record(
            "GM0362", "Gemeente", 94435, households=44000, period=period, bands=(15000, 11000, 24000, 26000, 18435)
        ),
        kwb.record("WK036201", "Wijk", 4200, period=period),
        kwb.record("BU03620101", "Buurt", None, period=period, bands=(None, None, None, None, None), households=None),
    ]


def run(path, *args):
    out = StringIO()
    call_command("import_cbs_kwb", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_odata_json_loads_every_region_with_stripped_codes_and_levels(tmp_path):
    output = run(kwb.write_json(tmp_path / "kwb.json", amstelveen()), "--year", "2023")
    gm = PopulationFigure.objects.get(cbs_code="GM0362", year=2023)
    assert (gm.level, gm.name, gm.inhabitants, gm.households) == ("municipality", "Amstelveen", 94435, 44000)
    bands = (gm.age_0_15, gm.age_15_25, gm.age_25_45, gm.age_45_65, gm.age_65_plus)
    assert bands == (15000, 11000, 24000, 26000, 18435)
    assert gm.synthetic is False
    assert gm.source == "CBS, Kerncijfers wijken en buurten 2023"
    assert PopulationFigure.objects.get(cbs_code="WK036201").level == "district"
    assert "3 regio's geladen" in output


def test_secret_values_are_none_never_zero(tmp_path):
    records = amstelveen()
    records[1]["k_0Tot15Jaar_8"] = "."
    records[1]["k_15Tot25Jaar_9"] = ""
    run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2023")
    bu = PopulationFigure.objects.get(cbs_code="BU03620101")
    assert [getattr(bu, name) for name in ("inhabitants", "households", *PopulationFigure.AGE_BANDS)] == [None] * 7
    wk = PopulationFigure.objects.get(cbs_code="WK036201")
    assert (wk.age_0_15, wk.age_15_25, wk.age_25_45) == (None, None, 30)


def test_a_bare_list_is_accepted(tmp_path):
    run(kwb.write_json(tmp_path / "kwb.json", amstelveen(), bare=True), "--year", "2022")
    assert PopulationFigure.objects.filter(year=2022).count() == 3


@pytest.mark.parametrize(("sep", "bom"), [(";", True), (",", False), (";", False)])
def test_csv_with_semicolons_or_commas_and_an_optional_bom(tmp_path, sep, bom):
    run(kwb.write_csv(tmp_path / "kwb.csv", amstelveen(), sep=sep, bom=bom), "--year", "2024")
    assert sorted(PopulationFigure.objects.values_list("cbs_code", "inhabitants")) == [
        ("BU03620101", None),
        ("GM0362", 94435),
        ("WK036201", 4200),
    ]


def test_household_column_is_found_by_prefix_whatever_its_number(tmp_path):
    records = [
        {("HuishoudensTotaal_28" if k == "HuishoudensTotaal_29" else k): v for k, v in r.items()} for r in amstelveen()
    ]
    run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2022")
    assert PopulationFigure.objects.get(cbs_code="GM0362").households == 44000


def test_columns_are_found_by_name_not_position(tmp_path):
    records = [dict(reversed(list(r.items()))) for r in amstelveen()]
    run(kwb.write_csv(tmp_path / "kwb.csv", records), "--year", "2023")
    assert PopulationFigure.objects.get(cbs_code="GM0362").age_65_plus == 18435


def test_the_year_comes_from_perioden_when_not_given(tmp_path):
    run(kwb.write_json(tmp_path / "kwb.json", amstelveen(period="2023JJ00")))
    assert set(PopulationFigure.objects.values_list("year", flat=True)) == {2023}


def test_year_option_wins_over_perioden(tmp_path):
    run(kwb.write_json(tmp_path / "kwb.json", amstelveen(period="2023JJ00")), "--year", "2025")
    assert set(PopulationFigure.objects.values_list("year", flat=True)) == {2025}


def test_without_year_and_perioden_nothing_is_written(tmp_path):
    with pytest.raises(CommandError, match="--year"):
        run(kwb.write_json(tmp_path / "kwb.json", amstelveen()))
    assert PopulationFigure.objects.count() == 0


def test_importing_twice_updates_instead_of_duplicating(tmp_path):
    path = kwb.write_json(tmp_path / "kwb.json", amstelveen())
    run(path, "--year", "2023")
    records = amstelveen()
    records[0]["AantalInwoners_5"] = 95000
    output = run(kwb.write_json(tmp_path / "kwb2.json", records), "--year", "2023")
    assert PopulationFigure.objects.count() == 3
    assert PopulationFigure.objects.get(cbs_code="GM0362").inhabitants == 95000
    assert "(0 nieuw, 3 bijgewerkt)" in output
    run(path, "--year", "2024")
    assert PopulationFigure.objects.count() == 6


def test_rows_that_cannot_be_placed_are_skipped_and_counted(tmp_path):
    records = amstelveen() + [
        kwb.record("NL01", "Land", 17_900_000),
        kwb.record("", "Buurt", 10),
        kwb.record("WK03620", "Wijk", 10),
        kwb.record("WK036201", "Wijk", 99),
    ]
    output = run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2023")
    assert PopulationFigure.objects.count() == 3
    assert PopulationFigure.objects.get(cbs_code="WK036201").inhabitants == 4200
    assert "4 rijen overgeslagen" in output
    for reason in ("onbekend soort regio: 1", "geen regiocode: 1", "ongeldige regiocode: 1", "twee keer"):
        assert reason in output


def test_service_result_and_audit_event(tmp_path, world):
    path = kwb.write_json(tmp_path / "kwb.json", amstelveen())
    result = population_figures_import(
        path=path, year=2023, synthetic=True, source="demo", actor=world.users["administrator"]
    )
    assert (result.loaded, result.created, result.updated, result.years) == (3, 3, 0, [2023])
    assert set(PopulationFigure.objects.values_list("synthetic", "source")) == {(True, "demo")}
    event = AuditEvent.objects.get(action="places.population_figures_import")
    assert event.actor == world.users["administrator"]
    assert event.detail["loaded"] == 3


def test_a_country_sized_file_loads_completely(tmp_path):
    records = kwb.country(17_000)
    path = kwb.write_json(tmp_path / "kwb.json", records)
    result = population_figures_import(path=path, year=2023)
    assert result.loaded == PopulationFigure.objects.filter(year=2023).count() == 17_000
    buurten = sum(r["SoortRegio_2"].strip() == "Buurt" for r in records)
    assert PopulationFigure.objects.filter(level="neighbourhood").count() == buurten == 13_709
    assert PopulationFigure.objects.get(cbs_code="BU05480104").inhabitants == 1004


# --- bad input: a clear message, nothing written ----------------------------------------------------------


def _existing():
    PopulationFigure.objects.create(cbs_code="GM0362", year=2023, level="municipality", inhabitants=1)


def _assert_unchanged():
    assert list(PopulationFigure.objects.values_list("cbs_code", "year", "inhabitants")) == [("GM0362", 2023, 1)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"value": [\n{"Codering_3": "GM0362",\n', r"regel 3: geen geldige JSON"),
        ('{"odata.metadata": "x"}', r"geen lijst 'value'"),
        ('{"value": [1, 2]}', r"record 1: is geen object"),
        ("", r"leeg"),
    ],
)
def test_malformed_json_names_the_line_and_writes_nothing(tmp_path, content, message):
    _existing()
    path = tmp_path / "kwb.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path, "--year", "2023")
    _assert_unchanged()


def test_a_non_numeric_value_names_the_record_and_field(tmp_path):
    _existing()
    records = amstelveen() + [kwb.record("WK036202", "Wijk", "veel")]
    records[0]["AantalInwoners_5"] = 2
    with pytest.raises(CommandError, match=r"record 4: veld AantalInwoners_5 is geen aantal \('veel'\)"):
        run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2023")
    _assert_unchanged()


@pytest.mark.parametrize("value", ["12,5", "-3", "1e3", True, 2.5])
def test_other_non_counts_are_rejected(tmp_path, value):
    _existing()
    records = amstelveen()
    records[1]["k_65JaarOfOuder_12"] = value
    with pytest.raises(CommandError, match=r"record 2: veld k_65JaarOfOuder_12 is geen aantal"):
        run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2023")
    _assert_unchanged()


def test_a_bad_csv_value_names_the_line(tmp_path):
    _existing()
    records = amstelveen()
    records[2]["k_0Tot15Jaar_8"] = "x"
    with pytest.raises(CommandError, match=r"regel 4: veld k_0Tot15Jaar_8 is geen aantal"):
        run(kwb.write_csv(tmp_path / "kwb.csv", records), "--year", "2023")
    _assert_unchanged()


def test_a_csv_row_with_too_many_columns_names_the_line(tmp_path):
    _existing()
    path = kwb.write_csv(tmp_path / "kwb.csv", amstelveen(), bom=False)
    path.write_text(path.read_text(encoding="utf-8") + '"1";"2"\r\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"regel 5: 2 kolommen"):
        run(path, "--year", "2023")
    _assert_unchanged()


def test_a_missing_region_column_is_named(tmp_path):
    _existing()
    records = [{k: v for k, v in r.items() if k not in ("WijkenEnBuurten", "Codering_3")} for r in amstelveen()]
    with pytest.raises(CommandError, match="WijkenEnBuurten"):
        run(kwb.write_json(tmp_path / "kwb.json", records), "--year", "2023")
    _assert_unchanged()


def test_a_bad_perioden_value_names_the_record(tmp_path):
    _existing()
    records = amstelveen(period="2023JJ00")
    records[1]["Perioden"] = "ergens"
    with pytest.raises(CommandError, match="record 2: veld Perioden is geen jaar"):
        run(kwb.write_json(tmp_path / "kwb.json", records))
    _assert_unchanged()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        run(tmp_path / "nope.json", "--year", "2023")


def test_the_service_raises_its_own_error(tmp_path):
    path = tmp_path / "kwb.json"
    path.write_text(json.dumps({"value": []}), encoding="utf-8")
    with pytest.raises(ImportError_, match="geen regio's"):
        population_figures_import(path=path, year=2023)
