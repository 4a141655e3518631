"""Add each commune's intercommunality (EPCI) and arrondissement to
knowledge/data/communes-hauts-de-france.csv (columns epci_code, epci_nom, arrondissement_code).

Input: the npm package @etalab/decoupage-administratif 6.0.0 unpacked in a folder
(`npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz`): data/communes.json
and data/epci.json. A delegated or associated commune takes the EPCI of the commune it belongs to.
Usage: python scripts/add_epci_arrondissement.py PATH/TO/package/data
"""

import csv
import json
import sys
from pathlib import Path

CSV = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "communes-hauts-de-france.csv"
COLUMNS = ["epci_code", "epci_nom", "arrondissement_code"]


def main(source: Path) -> None:
    communes = {(c["code"], c["type"]): c for c in json.loads((source / "communes.json").read_text())}
    epci = {}
    for group in json.loads((source / "epci.json").read_text()):
        for member in group["membres"]:
            epci[member["code"]] = (group["code"], group["nom"])
    with open(CSV, encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = [c for c in reader.fieldnames or [] if c not in COLUMNS] + COLUMNS
        rows = list(reader)
    for row in rows:
        commune = communes[(row["code_insee"], row["type"])]
        home = row["commune_rattachement"] or row["code_insee"]
        row["epci_code"], row["epci_nom"] = epci.get(row["code_insee"]) or epci.get(home, ("", ""))
        row["arrondissement_code"] = commune.get("arrondissement", "")
    with open(CSV, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
