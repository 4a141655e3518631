"""Rebuild knowledge/data/{departements-france,communes-hors-region}.csv.

Input: the npm package @etalab/decoupage-administratif 6.0.0 unpacked in a folder
(`npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz`).
Usage: python scripts/extract_france_places.py PATH/TO/package/data
"""

import csv
import json
import sys
from pathlib import Path

REGION_CODE = "32"  # Hauts-de-France
OUT = Path(__file__).resolve().parent.parent / "knowledge" / "data"


def main(source: Path) -> None:
    regions = {r["code"]: r["nom"] for r in json.loads((source / "regions.json").read_text())}
    departments = json.loads((source / "departements.json").read_text())
    with open(OUT / "departements-france.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "nom", "region_code", "region_nom"])
        for d in departments:
            writer.writerow([d["code"], d["nom"], d["region"], regions.get(d["region"], "")])
    communes = json.loads((source / "communes.json").read_text())
    with open(OUT / "communes-hors-region.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["nom", "departement_code", "codes_postaux", "population"])
        for c in communes:
            if c.get("type") != "commune-actuelle" or c.get("region") == REGION_CODE:
                continue
            writer.writerow(
                [c["nom"], c["departement"], "|".join(c.get("codesPostaux", [])), c.get("population", "")]
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
