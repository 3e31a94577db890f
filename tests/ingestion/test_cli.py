"""`python -m ingestion`: exit codes, one-line errors, the report on stderr, atomic output."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingestion.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def test_france_travail_to_stdout_reports_each_rejected_record_then_the_counts(capsys):
    code, out, err = run(capsys, "offers", DATA / "offres_francetravail.json",
                         "--format", "francetravail")
    assert code == 0
    assert len(json.loads(out)["offers"]) == 10
    assert len(err) == 2
    assert err[0].startswith(f"{DATA / 'offres_francetravail.json'}, enregistrement 10 "
                             "(id 194VMZG), champ « lieuTravail.libelle » : ")
    assert err[-1] == "lus : 11, convertis : 10, rejetés : 1"


def test_output_file_holds_the_good_records_when_not_strict(capsys, tmp_path):
    target = tmp_path / "offers.json"
    code, out, err = run(capsys, "offers", DATA / "offres_erreurs.csv", "--format", "csv",
                         "--output", target)
    assert code == 0
    assert out == ""
    assert [offer["id"] for offer in json.loads(target.read_text())["offers"]] == ["O-ERR-01"]
    assert len(err) == 11 and err[-1] == "lus : 11, convertis : 1, rejetés : 10"
    assert all(" ligne " in line for line in err[:-1])


def test_strict_with_a_rejected_record_writes_nothing_and_exits_2(capsys, tmp_path):
    target = tmp_path / "offers.json"
    code, out, err = run(capsys, "offers", DATA / "offres_francetravail.json",
                         "--format", "francetravail", "--output", target, "--strict")
    assert code == 2
    assert out == ""
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    assert err[-1] == "lus : 11, convertis : 10, rejetés : 1"


def test_strict_failure_leaves_an_existing_output_untouched(capsys, tmp_path):
    target = tmp_path / "profiles.json"
    target.write_text('{"profiles": []}\n', encoding="utf-8")
    code, _, _ = run(capsys, "profiles", DATA / "profils_erreurs.csv", "--format", "csv",
                     "--output", target, "--strict")
    assert code == 2
    assert target.read_text(encoding="utf-8") == '{"profiles": []}\n'


def test_strict_with_a_clean_file_writes_the_whole_output(capsys, tmp_path):
    target = tmp_path / "profiles.json"
    code, _, err = run(capsys, "profiles", DATA / "profils.csv", "--format", "csv",
                       "--output", target, "--strict")
    assert code == 0
    assert err == ["lus : 6, convertis : 6, rejetés : 0"]
    assert len(json.loads(target.read_text(encoding="utf-8"))["profiles"]) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profiles.json"]


@pytest.mark.parametrize(("kind", "content", "fmt", "message"), [
    ("offers", None, "json", "fichier introuvable"),
    ("offers", b'{"offers": [', "json", "JSON invalide ligne 1, colonne 13"),
    ("offers", '{"offers": [{"title": "Employé"}]}'.encode("cp1252"), "json", "pas encodé en UTF-8"),
    ("offers", b"PK\x03\x04 not a zip at all", "csv", "classeur Excel (.xlsx) illisible"),
    ("offers", b'{"offres": []}', "json", "structure JSON inattendue"),
    ("profiles", (DATA / "profils_identite.csv").read_bytes(), "csv",
     "données d'identité interdites"),
    ("profiles", b"", "csv", "le fichier est vide"),
])
def test_unreadable_file_is_one_french_line_and_exit_2(capsys, tmp_path, kind, content, fmt,
                                                       message):
    source = tmp_path / f"input.{fmt}"
    if content is not None:
        source.write_bytes(content)
    target = tmp_path / "out.json"
    code, out, err = run(capsys, kind, source, "--format", fmt, "--output", target)
    assert code == 2
    assert out == ""
    assert len(err) == 1 and err[0].startswith(f"{source} : ") and message in err[0]
    assert not target.exists()


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["profiles", str(DATA / "profils.csv"), "--format", "francetravail"])
    assert stop.value.code == 2
    assert "erreur d'utilisation" in capsys.readouterr().err


def test_unwritable_output_is_one_line_and_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "profiles", DATA / "profils.csv", "--format", "csv",
                       "--output", tmp_path / "absent" / "profiles.json")
    assert code == 2
    target = tmp_path / "absent" / "profiles.json"
    assert err[-1] == f"{target} : écriture impossible (dossier introuvable)"


def test_real_command_line_without_traceback(tmp_path):
    source = tmp_path / "offres.json"
    source.write_text("{pas du json", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "ingestion", "offers", str(source),
                           "--format", "francetravail"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        (f"{source} : JSON invalide ligne 1, colonne 2 : vérifiez les virgules, guillemets et "
        "accolades à cet endroit")
    ]


def test_real_command_line_round_trip_through_exchange_json(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shutil.copy(DATA / "offres.csv", tmp_path / "offres.csv")
    command = [sys.executable, "-m", "ingestion", "offers"]
    first = subprocess.run([*command, "offres.csv", "--format", "csv", "--output", "a.json"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    second = subprocess.run([*command, "a.json", "--format", "json", "--output", "b.json"],
                            capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert (first.returncode, second.returncode) == (0, 0)
    assert second.stderr.splitlines() == ["lus : 6, convertis : 6, rejetés : 0"]
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
