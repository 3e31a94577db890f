"""`python -m matching bench-rank`: the whole `rank` command, end to end, against a scalar script.

Writes seeded synthetic exchange files (the `bench` data), then runs as separate processes,
each timed from start to exit (wall and CPU seconds) with its peak memory: `python -m matching rank` in both
directions (with the split it prints under `--timings`: referential, load, rank, write) and
the plain scalar script `matching/scalar_baseline.py` on the same files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from matching.bench import BENCH_TODAY


def write_files(folder: Path, n_profiles: int, n_offers: int, seed: int) -> tuple[Path, Path]:
    """The synthetic offers and profiles as exchange-format files."""
    from matching.exchange import offer_to_dict, profile_to_dict
    from matching.referential import Referential
    from matching.synthetic import Synthetic
    from reference import load_synonyms

    ref = Referential.load_default()
    # Built here, so that no timed run pays for rebuilding the disk cache after a change of
    # the code (the first one, the offers direction, did: about 2.5 s of CPU and 140 MB).
    ref.suggester  # noqa: B018
    synthetic = Synthetic(ref, seed, BENCH_TODAY, [s.rome_code for s in load_synonyms()])
    profiles = [profile_to_dict(p) for p in synthetic.profiles(n_profiles)]
    offers = [offer_to_dict(o) for o in synthetic.offers(n_offers)]
    offers_path, profiles_path = folder / "offers.json", folder / "profiles.json"
    offers_path.write_text(json.dumps({"offers": offers}, ensure_ascii=False), encoding="utf-8")
    profiles_path.write_text(json.dumps({"profiles": profiles}, ensure_ascii=False),
                             encoding="utf-8")
    return offers_path, profiles_path


def _run(command: list[str]) -> dict[str, Any]:
    """Wall seconds, peak memory and stderr of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             cwd=Path(__file__).resolve().parent.parent)
    assert child.stderr is not None
    with child.stderr:
        stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{command[2:4]} : code {child.returncode}\n{stderr.decode()}")
    return {"seconds": round(time.perf_counter() - started, 3),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "stderr": stderr.decode()}


def run_bench_rank(n_profiles: int, n_offers: int, top: int, seed: int) -> dict[str, Any]:
    """Time both directions of `rank` and the scalar script; return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-rank-") as folder:
        offers, profiles = write_files(Path(folder), n_profiles, n_offers, seed)
        out: dict[str, Any] = {"profiles": n_profiles, "offers": n_offers, "top": top,
                               "seed": seed}
        for direction in ("offers", "profiles"):
            run = _run([sys.executable, "-m", "matching", "rank", "--offers", str(offers),
                        "--profiles", str(profiles), "--direction", direction,
                        "--top", str(top), "--today", BENCH_TODAY.isoformat(), "--timings",
                        "--output", str(Path(folder) / f"ranked-{direction}.json")])
            split = json.loads(run.pop("stderr").strip().splitlines()[-1])
            out[f"rank_{direction}"] = {**run, **split}
        baseline = _run([sys.executable, "-m", "matching.scalar_baseline", str(offers),
                         str(profiles), str(Path(folder) / "scalar.json"), "--top", str(top)])
        baseline.pop("stderr")
        out["scalar_script"] = baseline
    # The machine may be shared: the ratio of CPU seconds is the one that load does not skew.
    for direction in ("offers", "profiles"):
        out[f"speedup_{direction}"] = round(
            out["scalar_script"]["seconds"] / out[f"rank_{direction}"]["seconds"], 2)
        out[f"cpu_speedup_{direction}"] = round(
            out["scalar_script"]["cpu_seconds"] / out[f"rank_{direction}"]["cpu_seconds"], 2)
    out["cpu_count"] = os.cpu_count()
    out["load_average_1min"] = round(os.getloadavg()[0], 2)
    return out
