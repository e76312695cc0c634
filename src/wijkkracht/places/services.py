"""Every write to places goes through here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record
from wijkkracht.validators import normalise_phone, normalise_postcode, validate_opening_hours

from . import cbs, geometry, importfile, postcodes
from .constants import AuditAction
from .models import (
    AreaShape,
    CommunityCentre,
    District,
    DistrictAlias,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PopulationFigure,
    PostcodeArea,
    Room,
)
from .permissions import Action

REQUIRED_PROPERTIES = ("buurtcode", "buurtnaam", "wijkcode", "wijknaam", "gemeentecode", "gemeentenaam")


class ImportError_(ValueError):
    """Bad input file: the message names the feature or line and the field; `feature` is the number of the
    GeoJSON feature it is about, if any (the command adds its line in the file)."""

    feature: int | None = None


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
    if not code.startswith(prefix) or len(code) != length or not importfile.ascii_digits(code[2:]):
        raise ImportError_(
            _("%(where)s: veld %(field)s heeft geen geldige CBS-code (%(value)r).")
            % {"where": where, "field": name, "value": value}
        )
    return code


def parse_area_features(data: dict) -> list[dict]:
    """Validate a CBS buurten GeoJSON FeatureCollection; return clean rows. Raises ImportError_."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportError_(_("Het bestand is geen GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ImportError_(_("Het bestand heeft geen features."))
    rows: list[dict] = []
    seen: set[str] = set()
    polygons: dict[tuple, tuple[int, int]] = {}  # outline of a polygon -> (feature, polygon) it was first in
    for index, feature in enumerate(features, start=1):
        try:
            rows.append(_area_row(feature, _("feature %(n)d") % {"n": index}, index, seen, polygons))
        except ImportError_ as exc:
            exc.feature = index
            raise
    return rows


def _area_row(feature, where: str, index: int, seen: set[str], polygons: dict[tuple, tuple[int, int]]) -> dict:
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise ImportError_(_("%(where)s: properties ontbreken.") % {"where": where})
    for name in REQUIRED_PROPERTIES:
        if not str(props.get(name) or "").strip():
            raise ImportError_(_("%(where)s: veld %(field)s ontbreekt of is leeg.") % {"where": where, "field": name})
    try:
        names = {key: importfile.clean_name(props[field], where, field) for key, field in AREA_NAMES.items()}
    except importfile.FileFormatError as exc:
        raise ImportError_(str(exc)) from None
    row: dict[str, Any] = {
        "gm_code": _clean_code(props["gemeentecode"], "GM", 6, where, "gemeentecode"),
        "wk_code": _clean_code(props["wijkcode"], "WK", 8, where, "wijkcode"),
        "bu_code": _clean_code(props["buurtcode"], "BU", 10, where, "buurtcode"),
        **names,
    }
    if not (row["wk_code"][2:6] == row["gm_code"][2:] and row["bu_code"][2:8] == row["wk_code"][2:]):
        raise ImportError_(
            _("%(where)s: buurtcode, wijkcode en gemeentecode passen niet bij elkaar.") % {"where": where}
        )
    if row["bu_code"] in seen:
        raise ImportError_(
            _("%(where)s: buurtcode %(code)s komt twee keer voor.") % {"where": where, "code": row["bu_code"]}
        )
    seen.add(row["bu_code"])
    try:
        row["shape"] = _shape([feature.get("geometry")])
        for number, polygon in enumerate(geometry.polygons_of(feature["geometry"]), start=1):
            key = geometry.polygon_key(polygon)
            if key in polygons:
                first_feature, first_polygon = polygons[key]
                raise ImportError_(
                    _("%(where)s: polygoon %(n)d is dezelfde als polygoon %(m)d van feature %(f)d.")
                    % {"where": where, "n": number, "m": first_polygon, "f": first_feature}
                )
            polygons[key] = (index, number)
    except geometry.GeometryError as exc:
        raise ImportError_(
            _("%(where)s: veld geometry is ongeldig: %(error)s") % {"where": where, "error": exc}
        ) from exc
    row["geometry"] = feature["geometry"]
    return row


AREA_NAMES = {"gm_name": "gemeentenaam", "wk_name": "wijknaam", "bu_name": "buurtnaam"}
SHAPE_FIELDS = ("boundary", "svg_path", "bbox")


def _shape(geoms: list[dict]) -> dict:
    lon, lat = geometry.centroid(geoms)
    path, bbox = geometry.svg_path(geoms, dissolve=len(geoms) > 1)
    boundary = (
        geoms[0]
        if len(geoms) == 1
        else {
            "type": "MultiPolygon",
            "coordinates": [poly for g in geoms for poly in geometry.polygons_of(g)],
        }
    )
    return {"boundary": boundary, "centroid_lon": lon, "centroid_lat": lat, "svg_path": path, "bbox": bbox}


@transaction.atomic
def areas_import(*, data: dict, actor=None) -> AreaImportResult:
    """Load CBS neighbourhoods (and the districts and municipality they name). Idempotent; all or nothing.

    Only what the file covers changes: its neighbourhoods, and the names of the districts and municipalities
    they lie in. The outline of every district and municipality the file touches is rebuilt from all of its
    neighbourhoods in the database (those in the file and those loaded before), never from the file alone, so
    a file with one neighbourhood does not shrink its district or municipality to that neighbourhood."""
    rows = parse_area_features(data)
    result = AreaImportResult()

    def save(obj, code: str):
        try:
            obj.full_clean()  # before save, so a bad value never reaches the database
        except ValidationError as exc:
            raise ImportError_(
                _("%(code)s: %(error)s")
                % {
                    "code": code,
                    "error": "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()),
                }
            ) from exc
        obj.save()

    def save_shape(obj, shape: dict, *, centroid: bool = True):
        if centroid:
            obj.centroid_lon, obj.centroid_lat = shape["centroid_lon"], shape["centroid_lat"]
            save(obj, obj.cbs_code)
        area_shape = AreaShape.objects.filter(cbs_code=obj.cbs_code).first() or AreaShape(cbs_code=obj.cbs_code)
        for name in SHAPE_FIELDS:
            setattr(area_shape, name, shape[name])
        save(area_shape, obj.cbs_code)

    def upsert(model, code: str, values: dict):
        obj = model.objects.filter(cbs_code=code).first() or model(cbs_code=code)
        created = obj.pk is None
        for name, value in values.items():
            setattr(obj, name, value)
        save(obj, code)
        result.created += created
        result.updated += not created
        return obj

    districts_touched: dict[int, District] = {}
    municipalities_touched: dict[int, Municipality] = {}
    by_gm: dict[str, list[dict]] = {}
    for row in rows:
        by_gm.setdefault(row["gm_code"], []).append(row)
    for gm_code, gm_rows in by_gm.items():
        municipality = upsert(Municipality, gm_code, {"name": gm_rows[0]["gm_name"]})
        municipalities_touched[municipality.pk] = municipality
        result.municipalities += 1
        by_wk: dict[str, list[dict]] = {}
        for row in gm_rows:
            by_wk.setdefault(row["wk_code"], []).append(row)
        for wk_code, wk_rows in by_wk.items():
            before = District.objects.filter(cbs_code=wk_code).select_related("municipality").first()
            if before is not None and before.municipality_id != municipality.pk:
                municipalities_touched[before.municipality_id] = before.municipality
            district = upsert(District, wk_code, {"name": wk_rows[0]["wk_name"], "municipality": municipality})
            districts_touched[district.pk] = district
            result.districts += 1
            for row in wk_rows:
                earlier = Neighbourhood.objects.filter(cbs_code=row["bu_code"]).select_related("district").first()
                if earlier is not None and earlier.district_id != district.pk:
                    districts_touched[earlier.district_id] = earlier.district
                shape = row["shape"]
                neighbourhood = upsert(
                    Neighbourhood,
                    row["bu_code"],
                    {
                        "name": row["bu_name"],
                        "district": district,
                        "centroid_lon": shape["centroid_lon"],
                        "centroid_lat": shape["centroid_lat"],
                    },
                )
                save_shape(neighbourhood, shape, centroid=False)
                result.neighbourhoods += 1
                result.codes.append(row["bu_code"])
    for district in districts_touched.values():
        shape = _outline_of(district.cbs_code, Neighbourhood.objects.filter(district=district))
        if shape is not None:
            save_shape(district, shape)
    for municipality in municipalities_touched.values():
        shape = _outline_of(municipality.cbs_code, Neighbourhood.objects.filter(district__municipality=municipality))
        if shape is not None:
            save_shape(municipality, shape)
    audit_record(
        actor=actor,
        action=AuditAction.AREAS_IMPORTED,
        object_type="places.area",
        districts=result.districts,
        neighbourhoods=result.neighbourhoods,
    )
    return result


def _outline_of(code: str, neighbourhoods) -> dict | None:
    """The shape of an area made of `neighbourhoods` (all of them, from the database); None if it has none."""
    codes = list(neighbourhoods.order_by("cbs_code").values_list("cbs_code", flat=True))
    boundaries = list(
        AreaShape.objects.filter(cbs_code__in=codes).order_by("cbs_code").values_list("boundary", flat=True)
    )
    if not boundaries:
        return None
    try:
        return _shape(boundaries)
    except geometry.GeometryError as exc:
        raise ImportError_(
            _("%(code)s: de vorm van de buurten samen is ongeldig: %(error)s") % {"code": code, "error": exc}
        ) from exc


# --- CBS Kerncijfers wijken en buurten -------------------------------------------------------------------

POPULATION_UPDATE_FIELDS = ["level", "name", *cbs.NUMBER_COLUMNS, "source", "synthetic"]
POPULATION_BATCH = 2000


@dataclass
class PopulationImportResult:
    loaded: int = 0
    created: int = 0
    updated: int = 0
    years: list[int] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason key (see cbs.skip_reasons) -> count

    def skipped_text(self) -> list[str]:
        reasons = cbs.skip_reasons()
        return [f"{reasons.get(key, key)}: {count}" for key, count in sorted(self.skipped.items())]


def population_figures_import(
    *,
    path: Path | str,
    year: int | None = None,
    source: str = "",
    synthetic: bool = False,
    actor=None,
    progress=None,
) -> PopulationImportResult:
    """Load a CBS Kerncijfers file (OData JSON or CSV) into PopulationFigure. Idempotent per (code, year).

    The whole file is checked before anything is written, then written in one transaction: bad input
    raises ImportError_ and changes nothing. `progress(n)`, if given, is called as records are handled."""
    try:
        parsed = cbs.parse_kwb(path, year=year, progress=progress)
    except cbs.CbsFormatError as exc:
        raise ImportError_(str(exc)) from exc
    return population_figures_load(
        rows=parsed.rows, source=source, synthetic=synthetic, actor=actor, skipped=parsed.skipped
    )


def population_figures_load(
    *,
    rows: list[dict[str, Any]],
    source: str = "",
    synthetic: bool = False,
    actor=None,
    skipped: Counter | None = None,
) -> PopulationImportResult:
    """Write population figures (dicts of PopulationFigure fields: cbs_code, year, level, name, inhabitants, ...)
    in one transaction; a (code, year) that exists is overwritten. Bad values raise ImportError_ before anything
    is written. One audit event for the whole load. Used by the CBS import and the demo's synthetic figures."""
    result = PopulationImportResult(skipped=skipped if skipped is not None else Counter())
    objects = []
    for row in rows:
        figure = PopulationFigure(
            **row,
            source=source or _("CBS, Kerncijfers wijken en buurten %(year)d") % {"year": row["year"]},
            synthetic=synthetic,
        )
        # Field checks only: uniqueness is what update_conflicts resolves.
        try:
            figure.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise ImportError_(
                _("regio %(code)s: %(error)s")
                % {
                    "code": row["cbs_code"],
                    "error": "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()),
                }
            ) from exc
        objects.append(figure)
    result.years = sorted({o.year for o in objects})
    with transaction.atomic():
        existing = (
            set(PopulationFigure.objects.filter(year__in=result.years).values_list("cbs_code", "year"))
            if objects
            else set()
        )
        for start in range(0, len(objects), POPULATION_BATCH):
            PopulationFigure.objects.bulk_create(
                objects[start : start + POPULATION_BATCH],
                update_conflicts=True,
                unique_fields=["cbs_code", "year"],
                update_fields=POPULATION_UPDATE_FIELDS,
            )
        result.loaded = len(objects)
        result.updated = sum((o.cbs_code, o.year) in existing for o in objects)
        result.created = result.loaded - result.updated
        audit_record(
            actor=actor,
            action=AuditAction.POPULATION_FIGURES_IMPORTED,
            object_type="places.populationfigure",
            years=result.years,
            loaded=result.loaded,
            created=result.created,
            updated=result.updated,
            skipped=dict(result.skipped),
            synthetic=synthetic,
        )
    return result


# --- Centre management ------------------------------------------------------------------------------------

CENTRE_FIELDS = ("profile", "focus", "street", "postcode", "city", "phone", "email")


@transaction.atomic
def centre_update(
    *,
    centre: CommunityCentre,
    actor,
    profile: str,
    focus: str,
    street: str,
    postcode: str,
    city: str,
    phone: str,
    email: str,
) -> CommunityCentre:
    """Change a centre's details. Raises ValidationError and changes nothing on bad input."""
    require_actor(actor, Action.CENTRE_CHANGE, centre)
    values = {
        "profile": profile,
        "focus": focus,
        "street": street,
        "postcode": normalise_postcode(postcode),
        "city": city,
        "phone": normalise_phone(phone),
        "email": email,
    }
    return _update_changed(centre, values, actor=actor, action=AuditAction.CENTRE_UPDATED)


def _full_clean_room(room: Room) -> None:
    """full_clean(), with the case-insensitive name constraint's error put on the name field."""
    try:
        room.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict({})
        duplicate = [e for e in errors.get(NON_FIELD_ERRORS, []) if getattr(e, "code", None) == "duplicate"]
        if duplicate:
            errors[NON_FIELD_ERRORS] = [e for e in errors[NON_FIELD_ERRORS] if e not in duplicate]
            if not errors[NON_FIELD_ERRORS]:
                del errors[NON_FIELD_ERRORS]
            errors.setdefault("name", []).extend(duplicate)
        raise ValidationError(errors) from error


def _update_changed(obj, values: dict, *, actor, action: str):
    """Validate `values` on `obj`, save only the fields that changed and audit them (names, not values)."""
    stored = type(obj).objects.filter(pk=obj.pk).values(*values).get()
    changed = sorted(name for name, value in values.items() if stored[name] != value)
    for name, value in values.items():
        setattr(obj, name, value)
    if isinstance(obj, Room):
        _full_clean_room(obj)
    else:
        obj.full_clean()
    if changed:
        _save_unique(obj, update_fields=changed)
        audit_record(actor=actor, action=action, obj=obj, fields=changed)
    return obj


def _save_unique(obj, **kwargs) -> None:
    """Save; when a concurrent writer took the same unique value between our check and our save, raise the
    same ValidationError that full_clean() gives (never an IntegrityError, which would be a 500)."""
    try:
        with transaction.atomic():
            obj.save(**kwargs)
    except IntegrityError as exc:
        # The other write is visible now: these raise the usual field error.
        obj.validate_constraints()
        obj.validate_unique()
        raise ValidationError(_("Iemand anders heeft dit net veranderd. Probeer het opnieuw.")) from exc


@transaction.atomic
def opening_hours_replace(*, centre: CommunityCentre, hours: list[tuple[int, time, time]], actor) -> list[OpeningHours]:
    """Make `hours` (weekday, opens, closes) the centre's opening hours. All or nothing."""
    require_actor(actor, Action.CENTRE_HOURS_SET, centre)
    hours = sorted(hours)
    validate_opening_hours(hours)
    before = [(h.weekday, h.opens, h.closes) for h in centre.opening_hours.order_by("weekday", "opens")]
    if before == hours:
        return list(centre.opening_hours.order_by("weekday", "opens"))
    centre.opening_hours.all().delete()
    created = []
    for weekday, opens, closes in hours:
        row = OpeningHours(centre=centre, weekday=weekday, opens=opens, closes=closes)
        row.full_clean()
        row.save()
        created.append(row)
    audit_record(
        actor=actor,
        action=AuditAction.OPENING_HOURS_REPLACED,
        obj=centre,
        hours=[[d, o.strftime("%H:%M"), c.strftime("%H:%M")] for d, o, c in hours],
    )
    return created


@transaction.atomic
def room_create(
    *,
    centre: CommunityCentre,
    actor,
    name: str,
    capacity: int,
    wheelchair_accessible: bool = False,
    description: str = "",
) -> Room:
    require_actor(actor, Action.ROOM_MANAGE, centre)
    room = Room(
        centre=centre,
        name=name.strip(),
        capacity=capacity,
        wheelchair_accessible=wheelchair_accessible,
        description=description,
    )
    _full_clean_room(room)
    _save_unique(room)
    audit_record(actor=actor, action=AuditAction.ROOM_CREATED, obj=room, centre=str(centre.public_id), name=name)
    return room


@transaction.atomic
def room_update(
    *,
    room: Room,
    actor,
    name: str,
    capacity: int,
    wheelchair_accessible: bool,
    description: str,
) -> Room:
    require_actor(actor, Action.ROOM_MANAGE, room.centre)
    values = {
        "name": name.strip(),
        "capacity": capacity,
        "wheelchair_accessible": wheelchair_accessible,
        "description": description,
    }
    return _update_changed(room, values, actor=actor, action=AuditAction.ROOM_UPDATED)


@transaction.atomic
def room_delete(*, room: Room, actor) -> None:
    """Remove a room. A room still in use elsewhere (bookings) is refused with a ValidationError."""
    require_actor(actor, Action.ROOM_MANAGE, room.centre)
    public_id, name, centre = str(room.public_id), room.name, str(room.centre.public_id)
    try:
        room.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ValidationError(_("Deze zaal is nog in gebruik en kan niet worden verwijderd."), code="in_use") from exc
    audit_record(
        actor=actor,
        action=AuditAction.ROOM_DELETED,
        object_type="places.room",
        object_id=public_id,
        centre=centre,
        name=name,
    )


@transaction.atomic
def centre_save(*, centre: CommunityCentre, actor) -> CommunityCentre:
    """Create or change a community centre as a whole (administrators, through the admin)."""
    created = centre.pk is None
    require_actor(actor, Action.CENTRE_CREATE if created else Action.CENTRE_CHANGE, None if created else centre)
    centre.postcode, centre.phone = normalise_postcode(centre.postcode), normalise_phone(centre.phone)
    centre.full_clean()
    _save_unique(centre)
    audit_record(actor=actor, action=AuditAction.CENTRE_CREATED if created else AuditAction.CENTRE_UPDATED, obj=centre)
    return centre


# --- Everyday names of districts (administrators, through the admin; the demo) ---------------------------


@transaction.atomic
def district_alias_save(*, alias: DistrictAlias, actor) -> DistrictAlias:
    """Create or change an everyday name of a district. Raises ValidationError and changes nothing on bad input
    (an empty name, or a name the district already has)."""
    created = alias.pk is None
    alias.full_clean()
    _save_unique(alias)
    audit_record(
        actor=actor,
        action=AuditAction.DISTRICT_ALIAS_CREATED if created else AuditAction.DISTRICT_ALIAS_UPDATED,
        object_type="places.districtalias",
        object_id=str(alias.pk),
        district=alias.district.cbs_code,
        name=alias.name,
    )
    return alias


@transaction.atomic
def district_alias_delete(*, alias: DistrictAlias, actor) -> None:
    pk, district, name = alias.pk, alias.district.cbs_code, alias.name
    alias.delete()
    audit_record(
        actor=actor,
        action=AuditAction.DISTRICT_ALIAS_DELETED,
        object_type="places.districtalias",
        object_id=str(pk),
        district=district,
        name=name,
    )


# --- Postcodes (CBS "Postcode huisnummer wijk buurt") -----------------------------------------------------


@dataclass
class PostcodeImportResult:
    lines: int = 0
    postcodes: int = 0
    neighbourhoods: int = 0
    skipped_other_areas: int = 0  # lines for neighbourhoods that are not loaded (other municipalities)
    split: int = 0  # postcodes that span neighbourhoods (each went to the one with the most addresses)


@transaction.atomic
def postcode_table_import(*, path: Path | str, actor=None) -> PostcodeImportResult:
    """Replace the postcode table with a CBS "Postcode huisnummer wijk buurt" file (CSV, or a ZIP holding one).

    Lines of neighbourhoods that are not loaded are skipped (a national file holds every municipality).
    The whole file is checked before anything is written: bad input raises ImportError_ and changes nothing."""
    known = dict(Neighbourhood.objects.values_list("cbs_code", "pk"))
    try:
        parsed = postcodes.parse(path, wanted=set(known))
    except postcodes.PostcodeFormatError as exc:
        raise ImportError_(str(exc)) from exc
    if not parsed.areas:
        raise ImportError_(_("Geen enkele postcode ligt in een geladen buurt. Laad eerst de buurten (import_areas)."))
    result = PostcodeImportResult(lines=parsed.lines, skipped_other_areas=parsed.skipped)
    rows = []
    for postcode, counts in sorted(parsed.areas.items()):
        if len(counts) > 1:
            result.split += 1
        code = max(sorted(counts), key=lambda c: counts[c])
        row = PostcodeArea(postcode=postcode, neighbourhood_id=known[code], addresses=counts[code])
        row.full_clean(exclude=["neighbourhood"], validate_unique=False)
        rows.append(row)
    PostcodeArea.objects.all().delete()
    PostcodeArea.objects.bulk_create(rows, batch_size=2000)
    result.postcodes = len(rows)
    result.neighbourhoods = len({r.neighbourhood_id for r in rows})
    audit_record(
        actor=actor,
        action=AuditAction.POSTCODE_TABLE_IMPORTED,
        object_type="places.postcodearea",
        postcodes=result.postcodes,
        neighbourhoods=result.neighbourhoods,
        skipped=result.skipped_other_areas,
    )
    return result
