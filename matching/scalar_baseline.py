"""A plain scalar Python ranking of a simpler formula: the yardstick of `bench-rank`.

`python -m matching.scalar_baseline OFFERS.json PROFILES.json OUT.json [--top 20]` reads the
same exchange files as `rank`, and for every offer loops over every profile in pure Python:
job fit 1 for the same ROME code, 0.5 for the same domaine, 0.25 for the same grand domaine
(else skipped), reach falling linearly from 1 at 0 km to 0 at 50 km (straight line between
commune centroids), score 100 x (0.6 job + 0.4 reach); top N by a heap; `json.dump`. No
validation, no travel modes, no constraints, no reasons: what a first script would do.
"""

from __future__ import annotations

import csv
import heapq
import json
import math
import sys
from pathlib import Path

COMMUNES = Path(__file__).resolve().parent.parent / "reference" / "communes.csv"


def _records(path: str, key: str) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data[key] if isinstance(data, dict) else data


def main(argv: list[str]) -> int:
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 20
    offers_path, profiles_path, output = argv[:3]
    places = {}
    with COMMUNES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places[row["insee"]] = (math.radians(float(row["lat"])), math.radians(float(row["lon"])))
    offers, profiles = _records(offers_path, "offers"), _records(profiles_path, "profiles")
    people = [(p["id"], places[p["commune"]], p.get("target_rome_codes") or []) for p in profiles]
    results = []
    for offer in offers:
        code = offer.get("rome_code") or ""
        lat1, lon1 = places[offer["commune"]]
        best: list[tuple[float, str]] = []
        for person_id, (lat2, lon2), targets in people:
            job = 0.0
            for target in targets:
                fit = 1.0 if target == code else 0.5 if target[:3] == code[:3] else \
                    0.25 if target[:1] == code[:1] else 0.0
                job = max(job, fit)
            if job == 0.0:
                continue
            a = (math.sin((lat2 - lat1) / 2) ** 2
                 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
            km = 12742.0 * math.asin(math.sqrt(a))
            score = round(100 * (0.6 * job + 0.4 * max(0.0, 1 - km / 50)), 1)
            if len(best) < top:
                heapq.heappush(best, (score, person_id))
            elif score > best[0][0]:
                heapq.heapreplace(best, (score, person_id))
        best.sort(reverse=True)
        results.append({"offer_id": offer["id"],
                        "matches": [{"profile_id": p, "score": s} for s, p in best]})
    with open(output, "w", encoding="utf-8") as out:
        json.dump({"results": results}, out, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
