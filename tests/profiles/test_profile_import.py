"""`flask import profiles`: the report, all or nothing, updates by external reference."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.profiles.models import Profile, ProfileChange

DATA = Path(__file__).resolve().parent.parent / "data"


def _world(database):
    """The organisation and its AE, committed so that a refused import's rollback keeps them."""
    org = factories.organisation("France Travail Marseille Centre", pole_code="I")
    ae = factories.user((org, "ae"), email="nadia@exemple.fr")
    database.session.commit()
    return org, ae


def _rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


def _import(runner, path, fmt="csv"):
    return runner.invoke(args=["import", "profiles", str(path), "--format", fmt,
                               "--org", "France Travail Marseille Centre", "--ae", "nadia@exemple.fr"])


def _count(database) -> int:
    return database.session.scalar(select(func.count(Profile.id)))


def test_the_sample_caseload_is_imported_with_a_report(runner, database):
    org, ae = _world(database)
    result = _import(runner, DATA / "profils.csv")
    assert result.exit_code == 0, result.output
    rows = _rows(DATA / "profils.csv")
    assert f"lus : {rows}, créés : {rows}, mis à jour : 0, inchangés : 0, rejetés : 0" in result.output
    profile = database.session.scalar(select(Profile).where(Profile.external_ref == "P-000125"))
    assert profile.organisation_id == org.id and profile.ae_id == ae.id
    assert [(t.rome_code, t.experience_months) for t in profile.targets] == [("N1103", 24), ("N1105", 12)]
    assert profile.mobility_modes == ["car", "carpool"] and profile.max_km == 25
    assert profile.can_night and profile.consent_promotion
    assert profile.pole_id is not None
    first = database.session.scalar(select(Profile).where(Profile.external_ref == "P-000123"))
    assert first.childcare_constraint and "childcare" in first.barriers
    history = database.session.scalar(select(ProfileChange).where(ProfileChange.profile_id == first.id))
    assert history.kind == "imported" and history.source == "profils.csv" and history.user_id is None
    titles_only = database.session.scalar(select(Profile).where(Profile.external_ref == "P-000126"))
    assert titles_only.targets == [] and titles_only.target_titles == ["aide à domicile", "auxiliaire de vie"]


def test_re_import_updates_by_external_reference(runner, database, tmp_path):
    _world(database)
    _import(runner, DATA / "profils.csv")
    again = _import(runner, DATA / "profils.csv")
    rows = _rows(DATA / "profils.csv")
    assert f"créés : 0, mis à jour : 0, inchangés : {rows}" in again.output
    changed = tmp_path / "profils.csv"
    text = (DATA / "profils.csv").read_text(encoding="utf-8")
    changed.write_text(text.replace("P-000124;13205;G1603;équipier restauration rapide;G1603:6;transports|velo;40",
                                    "P-000124;13205;G1603;équipier restauration rapide;G1603:6;transports|velo;60"),
                       encoding="utf-8")
    result = _import(runner, changed)
    assert f"créés : 0, mis à jour : 1, inchangés : {rows - 1}" in result.output
    assert _count(database) == rows
    profile = database.session.scalar(select(Profile).where(Profile.external_ref == "P-000124"))
    assert profile.max_minutes == 60


def test_one_bad_row_and_nothing_is_written(runner, database):
    _world(database)
    result = _import(runner, DATA / "profils_erreurs.csv")
    assert result.exit_code == 2
    assert "profils_erreurs.csv, ligne 3 (réf. P-ERR-02), colonne « commune_insee »" in result.output
    assert "ligne 4 (réf. P-ERR-03), colonne « codes_rome »" in result.output
    assert "ligne 5 (réf. P-ERR-04)" in result.output
    assert "Aucun profil enregistré" in result.output and "rejetés : 0" not in result.output
    assert _count(database) == 0


def test_platform_rules_reject_a_row_with_its_column(runner, database, tmp_path):
    _world(database)
    path = tmp_path / "trajets.csv"
    text = (DATA / "profils.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("marche|transports;45;", "marche|transports;200;", 1), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 2
    assert ("trajets.csv, ligne 2 (réf. P-000123), colonne « temps_max_min » : Le temps de trajet "
            "maximal doit être compris entre 1 et 180 minutes") in result.output
    assert _count(database) == 0


def test_json_exchange_files_are_imported_too(runner, database, tmp_path):
    _world(database)
    path = tmp_path / "profils.json"
    path.write_text(json.dumps({"profiles": [{
        "id": "FT-77", "commune": "13004", "target_rome_codes": ["K2204"],
        "mobility": {"modes": ["walk"], "max_minutes": 30},
        "availability": {"min_hours_per_week": 20, "max_hours_per_week": 10},
    }]}), encoding="utf-8")
    result = _import(runner, path, fmt="json")
    assert result.exit_code == 2
    assert "enregistrement 1 (id FT-77), champ « availability.max_hours_per_week »" in result.output
    path.write_text(path.read_text().replace('"max_hours_per_week": 10', '"max_hours_per_week": 30'))
    assert "créés : 1" in _import(runner, path, fmt="json").output


def test_identity_columns_refuse_the_whole_file(runner, database):
    _world(database)
    result = _import(runner, DATA / "profils_identite.csv")
    assert result.exit_code != 0
    assert "données d'identité interdites" in result.output
    assert _count(database) == 0


def test_the_ae_must_belong_to_the_organisation(runner, database, tmp_path):
    _world(database)
    factories.user((factories.organisation("Autre"), "ae"), email="autre@exemple.fr")
    result = runner.invoke(args=["import", "profiles", str(DATA / "profils.csv"), "--format", "csv",
                                 "--org", "France Travail Marseille Centre", "--ae", "autre@exemple.fr"])
    assert result.exit_code == 1
    assert "autre@exemple.fr n'est pas accompagnateur (AE) actif de France Travail Marseille Centre" in result.output


@pytest.mark.parametrize(("name", "fmt"), [("profils.xlsx", "xlsx"), ("profils_windows1252.csv", "csv"),
                                           ("profils_virgules.csv", "csv")])
def test_excel_workbooks_and_french_excel_csv_are_imported_alike(runner, database, name, fmt):
    _world(database)
    result = _import(runner, DATA / name, fmt)
    assert result.exit_code == 0, result.output
    assert "lus : 6, créés : 6, mis à jour : 0, inchangés : 0, rejetés : 0" in result.output
    first = database.session.scalar(select(Profile).where(Profile.external_ref == "P-000123"))
    assert first.target_titles == ["femme de ménage"] and first.childcare_constraint


def test_junk_renamed_xlsx_is_refused_in_french_and_nothing_written(runner, database, tmp_path):
    _world(database)
    junk = tmp_path / "profils.xlsx"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    result = _import(runner, junk, "xlsx")
    assert result.exit_code != 0 and "classeur Excel (.xlsx) illisible" in result.output
    assert "Traceback" not in result.output and _count(database) == 0
