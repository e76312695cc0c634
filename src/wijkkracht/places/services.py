"""Every write to places goes through here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.audit.services import audit_record

from . import geometry
from .models import District, Municipality, Neighbourhood

REQUIRED_PROPERTIES = ("buurtcode", "buurtnaam", "wijkcode", "wijknaam", "gemeentecode", "gemeentenaam")


class ImportError_(ValueError):
    """Bad input file: the message names the feature or line and the field."""


@dataclass
class AreaImportResult:
    municipalities: int = 0
    districts: int = 0
    neighbourhoods: int = 0
    created: int = 0
    updated: int = 0
    codes: list[str] = field(default_factory=list)


def _clean_code(value, prefix: str, length: int, where: str, name: str) -> str:
    code = str(value or "").strip().upper()
    if not code.startswith(prefix) or len(code) != length or not code[2:].isdigit():
        raise ImportError_(_("%(where)s: veld %(field)s heeft geen geldige CBS-code (%(value)r).")
                           % {"where": where, "field": name, "value": value})
    return code


def parse_area_features(data: dict) -> list[dict]:
    """Validate a CBS buurten GeoJSON FeatureCollection; return clean rows. Raises ImportError_."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportError_(_("Het bestand is geen GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ImportError_(_("Het bestand heeft geen features."))
    rows = []
    seen: set[str] = set()
    for index, feature in enumerate(features, start=1):
        where = _("feature %(n)d") % {"n": index}
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            raise ImportError_(_("%(where)s: properties ontbreken.") % {"where": where})
        for name in REQUIRED_PROPERTIES:
            if not str(props.get(name) or "").strip():
                raise ImportError_(_("%(where)s: veld %(field)s ontbreekt of is leeg.") % {"where": where, "field": name})
        row = {
            "gm_code": _clean_code(props["gemeentecode"], "GM", 6, where, "gemeentecode"),
            "gm_name": str(props["gemeentenaam"]).strip(),
            "wk_code": _clean_code(props["wijkcode"], "WK", 8, where, "wijkcode"),
            "wk_name": str(props["wijknaam"]).strip(),
            "bu_code": _clean_code(props["buurtcode"], "BU", 10, where, "buurtcode"),
            "bu_name": str(props["buurtnaam"]).strip(),
        }
        if not (row["wk_code"][2:6] == row["gm_code"][2:] and row["bu_code"][2:8] == row["wk_code"][2:]):
            raise ImportError_(_("%(where)s: buurtcode, wijkcode en gemeentecode passen niet bij elkaar.")
                               % {"where": where})
        if row["bu_code"] in seen:
            raise ImportError_(_("%(where)s: buurtcode %(code)s komt twee keer voor.") % {"where": where, "code": row["bu_code"]})
        seen.add(row["bu_code"])
        try:
            geometry.polygons_of(feature.get("geometry"))
        except geometry.GeometryError as exc:
            raise ImportError_(_("%(where)s: veld geometry is ongeldig: %(error)s") % {"where": where, "error": exc}) from exc
        row["geometry"] = feature["geometry"]
        rows.append(row)
    return rows


def _shape(geoms: list[dict]) -> dict:
    lon, lat = geometry.centroid(geoms)
    path, bbox = geometry.svg_path(geoms)
    boundary = geoms[0] if len(geoms) == 1 else {
        "type": "MultiPolygon",
        "coordinates": [poly for g in geoms for poly in geometry.polygons_of(g)],
    }
    return {"boundary": boundary, "centroid_lon": lon, "centroid_lat": lat, "svg_path": path, "bbox": bbox}


@transaction.atomic
def areas_import(*, data: dict, actor=None) -> AreaImportResult:
    """Load CBS neighbourhoods (and the districts and municipality they name). Idempotent; all or nothing."""
    rows = parse_area_features(data)
    result = AreaImportResult()

    def upsert(model, code: str, values: dict):
        obj, created = model.objects.update_or_create(cbs_code=code, defaults=values)
        obj.full_clean()
        result.created += created
        result.updated += not created
        return obj

    by_gm: dict[str, list[dict]] = {}
    for row in rows:
        by_gm.setdefault(row["gm_code"], []).append(row)
    for gm_code, gm_rows in by_gm.items():
        municipality = upsert(Municipality, gm_code, {"name": gm_rows[0]["gm_name"], **_shape([r["geometry"] for r in gm_rows])})
        result.municipalities += 1
        by_wk: dict[str, list[dict]] = {}
        for row in gm_rows:
            by_wk.setdefault(row["wk_code"], []).append(row)
        for wk_code, wk_rows in by_wk.items():
            district = upsert(District, wk_code, {
                "name": wk_rows[0]["wk_name"], "municipality": municipality,
                **_shape([r["geometry"] for r in wk_rows]),
            })
            result.districts += 1
            for row in wk_rows:
                upsert(Neighbourhood, row["bu_code"], {
                    "name": row["bu_name"], "district": district, **_shape([row["geometry"]]),
                })
                result.neighbourhoods += 1
                result.codes.append(row["bu_code"])
    audit_record(actor=actor, action="places.areas_import", object_type="places.area",
                 districts=result.districts, neighbourhoods=result.neighbourhoods)
    return result
