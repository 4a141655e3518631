"""Add each commune's intercommunality (EPCI) and arrondissement to the commune files of
knowledge/data, and write the arrondissements of the region.

- communes-hauts-de-france.csv: columns epci_code, epci_nom, arrondissement_code;
- communes-hors-region.csv: columns epci_code, arrondissement_code (an area such as the Pays de
  Bray spans the region's border: its departments are computed from these communes);
- arrondissements-hauts-de-france.csv: code, nom, departement_code.

Input: the npm package @etalab/decoupage-administratif 6.0.0 unpacked in a folder
(`npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz`): data/communes.json,
data/epci.json and data/arrondissements.json. A delegated or associated commune takes the EPCI
of the commune it belongs to.
Usage: python scripts/add_epci_arrondissement.py PATH/TO/package/data
"""

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "knowledge" / "data"
REGION_CODE = "32"  # Hauts-de-France


def _rewrite(path: Path, columns: list[str], fill) -> None:
    """Rewrite the CSV at `path` with `columns` (last) set by `fill(row)`."""
    with open(path, encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = [c for c in reader.fieldnames or [] if c not in columns] + columns
        rows = list(reader)
    for row in rows:
        fill(row)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(source: Path) -> None:
    all_communes = json.loads((source / "communes.json").read_text())
    communes = {(c["code"], c["type"]): c for c in all_communes}
    epci = {}
    for group in json.loads((source / "epci.json").read_text()):
        for member in group["membres"]:
            epci[member["code"]] = (group["code"], group["nom"])

    def region_row(row: dict) -> None:
        commune = communes[(row["code_insee"], row["type"])]
        home = row["commune_rattachement"] or row["code_insee"]
        row["epci_code"], row["epci_nom"] = epci.get(row["code_insee"]) or epci.get(home, ("", ""))
        row["arrondissement_code"] = commune.get("arrondissement", "")

    _rewrite(
        DATA / "communes-hauts-de-france.csv", ["epci_code", "epci_nom", "arrondissement_code"], region_row
    )

    # communes-hors-region.csv lists the current communes outside the region in this order
    outside = [
        c for c in all_communes if c.get("type") == "commune-actuelle" and c.get("region") != REGION_CODE
    ]
    rows = iter(outside)

    def outside_row(row: dict) -> None:
        commune = next(rows)
        assert commune["nom"] == row["nom"], (commune["nom"], row["nom"])
        row["epci_code"] = epci.get(commune["code"], ("", ""))[0]
        row["arrondissement_code"] = commune.get("arrondissement", "")

    _rewrite(DATA / "communes-hors-region.csv", ["epci_code", "arrondissement_code"], outside_row)

    arrondissements = json.loads((source / "arrondissements.json").read_text())
    with open(DATA / "arrondissements-hauts-de-france.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "nom", "departement_code"])
        for a in arrondissements:
            if a["region"] == REGION_CODE:
                writer.writerow([a["code"], a["nom"], a["departement"]])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
