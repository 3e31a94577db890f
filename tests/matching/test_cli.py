"""`python -m matching`: the command-line contract of the exchange-format spec."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.cli import main
from matching.weights import ENGINE_VERSION
from tests.matching.test_exchange import SPEC_OFFER, SPEC_PROFILE

ROOT = Path(__file__).resolve().parents[2]
OFFERS = [
    {**SPEC_OFFER, "id": "O-1", "rome_code": "K2205", "commune": "13204"},
    {"id": "O-2", "title": "Auxiliaire de vie H/F", "commune": "13201", "hours_per_week": 20},
]
PROFILES = [
    {**SPEC_PROFILE, "id": "P-1", "commune": "13205", "target_rome_codes": ["K2205"],
     "availability": {**SPEC_PROFILE["availability"], "early_morning": True}},
    {**SPEC_PROFILE, "id": "P-2", "commune": "13201", "target_rome_codes": ["K1302"],
     "experience_months": {}},
    {**SPEC_PROFILE, "id": "P-3", "commune": "13004"},
]


@pytest.fixture
def files(tmp_path):
    offers, profiles = tmp_path / "offers.json", tmp_path / "profiles.json"
    offers.write_text(json.dumps({"offers": OFFERS}), encoding="utf-8")
    profiles.write_text(json.dumps(PROFILES), encoding="utf-8")
    return offers, profiles


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_writes_the_spec_shape(capsys, files, tmp_path):
    offers, profiles = files
    output = tmp_path / "out.json"
    code, out, err = run(capsys, "rank", "--offers", offers, "--profiles", profiles,
                         "--output", output, "--today", "2026-11-22")
    assert (code, out, err) == (0, "", "")
    document = json.loads(output.read_text(encoding="utf-8"))
    assert set(document) == {"results", "meta"}
    meta = document["meta"]
    assert meta["engine_version"] == ENGINE_VERSION
    assert meta["weights"] == {"job": 0.5, "reach": 0.25, "hours": 0.15, "availability": 0.1}
    assert meta["pairs_scored"] == 6 and meta["pairs_total"] == 6  # all share grand domaine K
    assert meta["seconds"] >= 0
    first, second = document["results"]
    assert (first["offer_id"], first["rome_code"], first["rome_inferred"]) == (
        "O-1", "K2205", False)
    assert (second["offer_id"], second["rome_code"], second["rome_inferred"]) == (
        "O-2", "K1311", True)  # France Travail's code of the official title "Auxiliaire de vie"
    match = first["matches"][0]
    assert set(match) == {"profile_id", "score", "components", "travel", "reasons"}
    assert set(match["components"]) == {"job", "reach", "hours", "availability"}
    assert set(match["travel"]) == {"km", "minutes", "mode"}
    assert match["reasons"][0] == "Métier visé : K2205 (correspondance exacte)"
    assert "excluded" not in first
    assert [m["profile_id"] for m in second["matches"]] == ["P-2", "P-1"]  # exact, then K


def test_explain_lists_the_excluded_pairs(capsys, files):
    offers, profiles = files
    code, out, _ = run(capsys, "rank", "--offers", offers, "--profiles", profiles, "--explain",
                       "--today", "2026-11-22")
    assert code == 0
    first = json.loads(out)["results"][0]
    childcare = "Garde d'enfants : incompatible avec les horaires tôt le matin"
    assert [e["profile_id"] for e in first["excluded"]] == ["P-2", "P-3"]
    assert first["excluded"][0]["reasons"] == [childcare]
    travel, *rest = first["excluded"][1]["reasons"]
    assert travel.startswith("Trajet estimé : ") and rest == [childcare]


def test_direction_profiles_ranks_offers_for_each_profile(capsys, files):
    offers, profiles = files
    code, out, _ = run(capsys, "rank", "--offers", offers, "--profiles", profiles,
                       "--direction", "profiles", "--top", "1", "--today", "2026-11-22")
    assert code == 0
    results = json.loads(out)["results"]
    assert [r["profile_id"] for r in results] == ["P-1", "P-2", "P-3"]
    assert [[m["offer_id"] for m in r["matches"]] for r in results] == [
        ["O-1"], ["O-2"], []]


def test_direction_profiles_writes_the_same_document_a_person_at_a_time(capsys, files,
                                                                        monkeypatch):
    """The profiles direction writes each chunk of people's results before building the next's
    matches: chunks of one person give the document of one chunk."""
    from matching import transposed

    offers, profiles = files
    argv = ("rank", "--offers", offers, "--profiles", profiles, "--direction", "profiles",
            "--today", "2026-11-22")
    _, whole, _ = run(capsys, *argv)
    monkeypatch.setattr(transposed, "PEOPLE_PER_CHUNK", 1)
    _, chunked, _ = run(capsys, *argv)
    documents = [json.loads(out) for out in (whole, chunked)]
    for document in documents:
        document["meta"].pop("seconds")
    assert documents[0] == documents[1]
    assert [r["profile_id"] for r in documents[1]["results"]] == ["P-1", "P-2", "P-3"]
    assert sum(len(r["matches"]) for r in documents[1]["results"]) >= 2


def test_the_output_is_identical_from_one_run_to_the_next(capsys, files):
    offers, profiles = files
    argv = ("rank", "--offers", offers, "--profiles", profiles, "--explain", "--today",
            "2026-11-22")
    first, second = (json.loads(run(capsys, *argv)[1]) for _ in range(2))
    assert first["results"] == second["results"]


def test_bad_records_exit_2_with_one_line_each_and_write_nothing(capsys, files, tmp_path):
    offers, profiles = files
    offers.write_text(json.dumps([{**OFFERS[0], "rome_code": "K22"}, OFFERS[1]]),
                      encoding="utf-8")
    profiles.write_text(json.dumps({"profiles": [PROFILES[0], {"id": "P-9",
                                                               "commune": "99999"}]}),
                        encoding="utf-8")
    output = tmp_path / "out.json"
    code, out, err = run(capsys, "rank", "--offers", offers, "--profiles", profiles,
                         "--output", output)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        (f"{offers}: enregistrement 1 (id O-1) : champ rome_code : code ROME mal formé "
        "« K22 » (une lettre de A à N suivie de 4 chiffres, ex. K2204)"),
        f"{profiles}: enregistrement 2 (id P-9) : champ commune : commune inconnue « 99999 »",
        (f"{profiles}: enregistrement 2 (id P-9) : champ target_rome_codes : au moins un code "
        "ROME visé (target_rome_codes) ou un métier visé (target_titles) est obligatoire"),
    ]
    assert sorted(tmp_path.iterdir()) == sorted([offers, profiles])  # nothing written


def test_an_unwritable_output_is_bad_input(capsys, files, tmp_path):
    offers, profiles = files
    code, _, err = run(capsys, "rank", "--offers", offers, "--profiles", profiles,
                       "--output", tmp_path / "missing" / "out.json")
    assert code == 2 and "impossible d'écrire" in err


def test_suggest_rome_prints_the_spec_shape(capsys):
    code, out, _ = run(capsys, "suggest-rome", "auxiliaire de vie", "--limit", "2")
    suggestions = json.loads(out)
    assert code == 0 and len(suggestions) == 2
    assert [s["code"] for s in suggestions] == ["K1311", "K1302"]
    assert set(suggestions[0]) == {"code", "label", "score"}


def test_suggest_rome_file_prints_one_json_line_per_title(capsys, tmp_path):
    titles = tmp_path / "titres.txt"
    titles.write_text("Aide à domicile\n\nBerger H/F\n", encoding="utf-8")
    code, out, _ = run(capsys, "suggest-rome", "--file", titles, "--limit", "1")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["title"] for line in lines] == ["Aide à domicile", "", "Berger H/F"]
    assert [[s["code"] for s in line["suggestions"]] for line in lines] == [["K1304"], [], ["A1410"]]
    assert set(lines[0]["suggestions"][0]) == {"code", "label", "score"}


def test_suggest_rome_needs_a_title_or_a_file(capsys):
    code, _, err = run(capsys, "suggest-rome")
    assert code == 2 and "--file" in err


def test_module_entry_point_exits_2_without_traceback(tmp_path):
    missing = tmp_path / "absent.json"
    completed = subprocess.run(
        [sys.executable, "-m", "matching", "rank", "--offers", str(missing), "--profiles",
         str(missing)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 2 and completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert completed.stderr.count("fichier illisible") == 2


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["rank", "--offers", "x.json"])
    assert caught.value.code == 2
    assert "erreur" in capsys.readouterr().err


def test_bench_prints_the_spec_figures(capsys):
    code, out, _ = run(capsys, "bench", "--profiles", "300", "--offers", "20", "--seed", "3")
    figures = json.loads(out)
    assert code == 0
    assert {"profiles", "offers", "pairs", "single_offer_ms_median", "batch_seconds",
            "pairs_per_second", "reference_pairs_per_second", "speedup", "peak_rss_mb",
            "suggest_ms_median"} <= set(figures)
    assert (figures["profiles"], figures["offers"], figures["pairs"]) == (300, 20, 6000)
    assert figures["speedup"] > 1 and figures["peak_rss_mb"] > 0


def test_rank_timings_give_the_split_on_stderr(capsys, files, tmp_path):
    offers, profiles = files
    code, out, err = run(capsys, "rank", "--offers", offers, "--profiles", profiles,
                         "--output", tmp_path / "out.json", "--timings")
    timings = json.loads(err)
    assert code == 0 and out == ""
    assert {"referential_seconds", "load_seconds", "rank_seconds", "write_seconds",
            "total_seconds", "imports_cpu_seconds", "load_cpu_seconds", "rank_cpu_seconds",
            "write_cpu_seconds", "total_cpu_seconds"} == set(timings)
    assert timings["total_seconds"] >= timings["load_seconds"] >= timings["referential_seconds"]
    steps = ("imports", "load", "rank", "write")
    assert timings["total_cpu_seconds"] >= sum(timings[f"{s}_cpu_seconds"] for s in steps) - 0.01


def test_rank_output_is_compact_utf8_json(capsys, files):
    offers, profiles = files
    code, out, _ = run(capsys, "rank", "--offers", offers, "--profiles", profiles)
    assert code == 0 and out.count("\n") == 1 and "\\u" not in out and "Métier" in out
    assert json.loads(out)["results"][0]["offer_id"] == "O-1"


def test_bench_rank_times_the_command_against_the_scalar_script(capsys):
    code, out, _ = run(capsys, "bench-rank", "--profiles", "200", "--offers", "20")
    figures = json.loads(out)
    assert code == 0
    for direction in ("offers", "profiles"):
        run_figures = figures[f"rank_{direction}"]
        assert {"seconds", "peak_rss_mb", "load_seconds", "rank_seconds",
                "write_seconds"} <= set(run_figures)
        assert figures[f"speedup_{direction}"] > 0
    assert figures["scalar_script"]["seconds"] > 0


def test_evaluate_rome_refuses_an_offset_outside_the_split(capsys):
    code, out, err = run(capsys, "evaluate-rome", "--every", "10", "--offset", "10")
    assert code == 2 and out == "" and "--offset" in err
