"""Build service/data/countries.json from the OpenSanctions `countrynames` data (MIT).

Usage: python scripts/build_countries.py ../shared/data/places/countries/countrynames-data.yaml
The output maps a normalised country name to its ISO 3166-1 alpha-2 code.
"""

import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from service.countries import normalize_name  # noqa: E402


def main(src: str) -> None:
    data = yaml.safe_load(Path(src).read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for code, values in data.items():
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()):
            continue
        for value in values or []:
            key = normalize_name(str(value))
            if key and key not in names:
                names[key] = code
    out = Path(__file__).resolve().parents[1] / "service" / "data" / "countries.json"
    codes = sorted({c for c in data if isinstance(c, str) and len(c) == 2 and c.isupper()})
    out.write_text(json.dumps({"codes": codes, "names": names}, ensure_ascii=False, sort_keys=True))
    print(f"{len(codes)} codes, {len(names)} names -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
