"""Generate CBS Kerncijfers files for tests: the shapes CBS publishes, made-up numbers."""

from __future__ import annotations

import json
from pathlib import Path


def record(
    code: str,
    kind: str,
    inhabitants,
    *,
    municipality="Amstelveen",
    households=100,
    index=0,
    period=None,
    bands=(10, 20, 30, 25, 15),
) -> dict:
    """One TypedDataSet record; codes and kinds padded with spaces like CBS does."""
    row = {
        "ID": index,
        "WijkenEnBuurten": f"{code:<10}",
        "Gemeentenaam_1": f"{municipality:<40}",
        "SoortRegio_2": f"{kind:<10}",
        "Codering_3": f"{code:<10}",
        "IndelingswijzigingWijkenEnBuurten_4": "1",
        "AantalInwoners_5": inhabitants,
        "Mannen_6": None,
        "Vrouwen_7": None,
        "k_0Tot15Jaar_8": bands[0],
        "k_15Tot25Jaar_9": bands[1],
        "k_25Tot45Jaar_10": bands[2],
        "k_45Tot65Jaar_11": bands[3],
        "k_65JaarOfOuder_12": bands[4],
        "HuishoudensTotaal_29": households,
    }
    if period is not None:
        row = {"ID": index, "Perioden": period, **{k: v for k, v in row.items() if k != "ID"}}
    return row


def country(n_regions: int, *, period=None) -> list[dict]:
    """About n_regions records shaped like the whole country: municipalities, their districts and buurten."""
    records = []
    gm = 0
    while len(records) < n_regions:
        gm += 1
        records.append(
            record(
                f"GM{gm:04d}", "Gemeente", 50_000 + gm, municipality=f"Gemeente {gm}", index=len(records), period=period
            )
        )
        for wk in range(1, 6):
            records.append(record(f"WK{gm:04d}{wk:02d}", "Wijk", 5_000 + wk, index=len(records), period=period))
            for bu in range(1, 6):
                records.append(
                    record(f"BU{gm:04d}{wk:02d}{bu:02d}", "Buurt", 1_000 + bu, index=len(records), period=period)
                )
    return records[:n_regions]


def write_json(path: Path, records: list[dict], *, bare: bool = False) -> Path:
    payload = (
        records
        if bare
        else {"odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85618NED/$metadata", "value": records}
    )
    path.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict], *, sep: str = ";", bom: bool = True) -> Path:
    header = list(records[0])
    lines = [sep.join(f'"{h}"' for h in header)]
    for r in records:
        lines.append(sep.join(f'"{"." if r[h] is None else r[h]}"' for h in header))
    path.write_text(("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path
