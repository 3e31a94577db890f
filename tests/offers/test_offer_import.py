"""Importing partner offer files: round trips, re-import without doubles, whole or nothing, web."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from webapp.companies.models import Company
from webapp.extensions import db
from webapp.offers import editing as offer_service
from webapp.offers.duplicates import merge_offers
from webapp.offers.models import Offer, OfferEvent

DATA = Path(__file__).resolve().parent.parent / "data"
FRANCE_TRAVAIL = DATA / "offres_francetravail.json"
CSV_SAMPLE = DATA / "offres.csv"
CSV_ERRORS = DATA / "offres_erreurs.csv"
ORG_NAME = "France Travail Marseille Centre"


def _org():
    return factories.organisation(ORG_NAME, pole_code="I")


def _count(model=Offer) -> int:
    from webapp.extensions import db

    return db.session.scalar(select(func.count(model.id)))


def _import(runner, path, fmt, *extra):
    return runner.invoke(args=["import", "offers", str(path), "--format", fmt, "--org", ORG_NAME, *extra])


def test_france_travail_json_round_trip_and_reimport_without_doubles(runner, database):
    org = _org()
    first = _import(runner, FRANCE_TRAVAIL, "francetravail")
    assert first.exit_code == 0, first.output
    assert "lues : 11, créées : 10, mises à jour : 0, inchangées : 0, rejetées : 1" in first.output
    assert "enregistrement 10 (id 194VMZG), champ « lieuTravail.libelle »" in first.output
    offer = database.session.scalar(select(Offer).where(Offer.external_ref == "194KXMT"))
    assert (offer.organisation_id, offer.status, offer.commune_insee, offer.rome_code) == (
        org.id, "open", "13205", "K2204")
    assert offer.hours_per_week == 24 and offer.positions == 2 and offer.early_morning
    assert offer.company.name == "NET PROVENCE SERVICES" and offer.company.commune_insee == "13205"
    assert offer.skills == "Nettoyer des surfaces\nUtiliser des produits d'entretien"
    assert offer.source_url.endswith("/194KXMT") and offer.published_at.date().isoformat() == "2026-11-16"
    assert offer.pole_id == factories.pole("I").id
    arles = database.session.scalar(select(Offer).where(Offer.external_ref == "194QHVZ"))
    assert (arles.commune_insee, arles.postal_code) == ("13004", "13200")  # the finer place kept
    inferred = database.session.scalar(select(Offer).where(Offer.external_ref == "194MDRA"))
    assert inferred.rome_inferred is (inferred.rome_code is not None)  # deduced from the title, or to confirm
    assert [e.kind for e in offer.events] == ["import"]
    companies = _count(Company)
    second = _import(runner, FRANCE_TRAVAIL, "francetravail")
    assert "créées : 0, mises à jour : 0, inchangées : 10, rejetées : 1" in second.output
    assert _count() == 10 and _count(Company) == companies


def test_a_changed_file_updates_by_external_id_and_keeps_the_task_forces_own_work(runner, database, tmp_path):
    _org()
    _import(runner, FRANCE_TRAVAIL, "francetravail")
    offer = database.session.scalar(select(Offer).where(Offer.external_ref == "194KXMT"))
    offer.positions_filled, offer.visibility = 1, "organisation"
    document = json.loads(FRANCE_TRAVAIL.read_text(encoding="utf-8"))
    document["resultats"][0]["intitule"] = "Agent d'entretien de bureaux (H/F)"
    document["resultats"][0]["nombrePostes"] = 3
    changed = tmp_path / "offres.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _import(runner, changed, "francetravail")
    assert "créées : 0, mises à jour : 1, inchangées : 9" in result.output
    database.session.refresh(offer)
    assert offer.title == "Agent d'entretien de bureaux (H/F)" and offer.positions == 3
    assert (offer.positions_filled, offer.visibility) == (1, "organisation")
    update = database.session.scalars(select(OfferEvent).where(
        OfferEvent.offer_id == offer.id, OfferEvent.note == "Mise à jour par import")).one()
    assert set(update.changes) == {"title", "positions"}
    assert _count() == 10


def test_csv_round_trip_matches_companies_by_siret(runner, database):
    _org()
    known = factories.company("NET PROVENCE SERVICES (ancienne fiche)", insee="13205", siret="45218739600018")
    result = _import(runner, CSV_SAMPLE, "csv")
    assert result.exit_code == 0, result.output
    assert "lues : 6, créées : 6" in result.output and "rejetées : 0" in result.output
    first = database.session.scalar(select(Offer).where(Offer.external_ref == "O-2026-0001"))
    assert first.company_id == known.id and first.immersion_possible and first.start_date.isoformat() == "2026-12-01"
    clause = database.session.scalar(select(Offer).where(Offer.external_ref == "O-2026-0006"))
    assert clause.contract == "CLAUSE" and clause.company.siret == "51029384700032"
    assert "créées : 0, mises à jour : 0, inchangées : 6" in _import(runner, CSV_SAMPLE, "csv").output


def test_rejected_rows_are_listed_one_per_line_and_strict_writes_nothing(runner, database):
    _org()
    strict = _import(runner, CSV_ERRORS, "csv", "--strict")
    assert strict.exit_code == 2 and "rien n'a été écrit" in strict.output
    assert "offres_erreurs.csv, ligne 3 (réf. O-ERR-02), colonne « commune_insee » : commune inconnue « 13999 »" in strict.output
    assert _count() == 0


def test_without_strict_the_good_rows_are_written(runner, database):
    _org()
    relaxed = _import(runner, CSV_ERRORS, "csv")
    assert relaxed.exit_code == 0 and "créées : 1" in relaxed.output and "rejetées : 10" in relaxed.output
    assert _count() == 1


def test_the_exchange_json_format(runner, database, tmp_path):
    _org()
    exchange = tmp_path / "offres.json"
    exchange.write_text(json.dumps({"offers": [
        {"id": "O-X-1", "title": "Cariste", "rome_code": "N1101", "commune": "13005", "contract": "MIS",
         "positions": 2, "employer": {"name": "Logisud", "siret": "45218739600018"}},
        {"id": "O-X-2", "title": "Magasinier", "rome_code": "N1103", "commune": "13005",
         "employer": {"name": "Logisud", "siret": "45218739600019"}},
    ]}), encoding="utf-8")
    result = _import(runner, exchange, "json")
    assert "créées : 1" in result.output and "rejetées : 1" in result.output
    assert "enregistrement 2 (id O-X-2) : SIRET « 45218739600019 » invalide : clé de contrôle fausse" in result.output


def test_an_unreadable_file_is_a_clear_error(runner, database, tmp_path):
    _org()
    broken = tmp_path / "cassé.json"
    broken.write_text('{"resultats": [', encoding="utf-8")
    result = _import(runner, broken, "francetravail")
    assert result.exit_code == 2 and "JSON invalide ligne 1" in result.output


def test_the_import_commits_whole_or_not_at_all(runner, database, monkeypatch):
    _org()
    calls = {"count": 0}
    real_add_offer = offer_service.add_offer

    def failing_add_offer(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 3:
            raise RuntimeError("panne au milieu de l'import")
        return real_add_offer(*args, **kwargs)

    monkeypatch.setattr("webapp.offers.importing.add_offer", failing_add_offer)
    result = _import(runner, CSV_SAMPLE, "csv")
    assert isinstance(result.exception, RuntimeError)
    database.session.rollback()  # what the process does when it dies: no commit happened
    assert _count() == 0


def test_a_reimported_offer_merged_into_another_organisations_offer_is_left_alone(runner, database):
    org = _org()
    _import(runner, CSV_SAMPLE, "csv")
    plie = factories.organisation("PLIE Marseille", kind="plie", pole_code="I")
    cre = factories.user((plie, "cre"))
    mine = database.session.scalar(select(Offer).where(Offer.external_ref == "O-2026-0001"))
    theirs = factories.offer(plie, company_id=mine.company_id, insee="13205")
    merge_offers(cre, theirs, mine)
    result = _import(runner, CSV_SAMPLE, "csv")
    assert f"O-2026-0001 : déjà fusionnée dans l'offre {theirs.reference} (PLIE Marseille)" in result.output
    assert "créées : 0" in result.output and _count() == 7
    assert mine.organisation_id == org.id


def test_web_import_previews_then_writes_on_confirmation(client, login, database):
    org = _org()
    cre = factories.user((org, "cre"))
    login(cre)
    upload = {"file": (io.BytesIO(CSV_SAMPLE.read_bytes()), "offres.csv"), "format": "csv"}
    preview = client.post("/offres/import", data=upload, content_type="multipart/form-data")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Rien n'est encore écrit" in page
    assert '<span class="stat-value">6</span><span class="stat-title">offres créées</span>' in page
    assert _count() == 0
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/offres/import/confirmer", data={"token": "autre"}).status_code == 303
    assert _count() == 0
    done = client.post("/offres/import/confirmer", data={"token": token})
    assert done.status_code == 303 and _count() == 6
    again = client.post("/offres/import/confirmer", data={"token": token}, follow_redirects=True)
    assert "plus en attente" in again.get_data(as_text=True) and _count() == 6


def test_web_import_refuses_a_bad_file_and_is_for_cres_only(client, login, database):
    org = _org()
    login(factories.user((org, "cre")))
    bad = {"file": (io.BytesIO(bytes(range(256)) * 16), "offres.xlsx"), "format": "csv"}
    response = client.post("/offres/import", data=bad, content_type="multipart/form-data")
    assert response.status_code == 422 and "ni un classeur Excel (.xlsx) ni un fichier CSV" in response.text
    assert _count() == 0
    login(factories.user((org, "ae")))
    assert client.get("/offres/import").status_code == 404


@pytest.fixture(autouse=True)
def _uploads_in_tmp(app, tmp_path, monkeypatch):
    """Uploaded files go to a temporary instance folder, never the real one."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))


@pytest.mark.parametrize("name", ["offres.xlsx", "offres_windows1252.csv", "offres_virgules.csv"])
def test_web_import_takes_excel_workbooks_and_french_excel_csv(client, login, database, name):
    org = _org()
    login(factories.user((org, "cre")))
    upload = {"file": (io.BytesIO((DATA / name).read_bytes()), name), "format": "csv"}
    page = client.post("/offres/import", data=upload, content_type="multipart/form-data").text
    assert '<span class="stat-value">6</span><span class="stat-title">offres créées</span>' in page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/offres/import/confirmer", data={"token": token}).status_code == 303
    assert _count() == 6 and _count(Company) >= 1
    titles = set(db.session.scalars(select(Offer.title)))
    assert "Employé de rayon H/F" in titles


def test_web_import_of_a_workbook_with_a_formula_writes_nothing(client, login, database):
    from openpyxl import load_workbook

    org = _org()
    login(factories.user((org, "cre")))
    book = load_workbook(DATA / "offres.xlsx")
    book.active["F3"] = "=24+6"
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    response = client.post("/offres/import", data={"file": (buffer, "offres.xlsx"), "format": "csv"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "ligne 3, colonne « heures_semaine » (F3) : formule" in response.text
    assert _count() == 0


def test_an_import_leaves_one_log_line_for_the_operator(runner, database, caplog):
    import logging

    org = _org()
    caplog.set_level(logging.INFO, logger="webapp.offers.importing")
    assert _import(runner, FRANCE_TRAVAIL, "francetravail").exit_code == 0
    (line,) = [r.getMessage() for r in caplog.records if r.name == "webapp.offers.importing"]
    assert line == f"Import d'offres : organisation {org.id}, 11 lues, 1 rejetées, écrit"
