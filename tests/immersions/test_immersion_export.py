"""Handing an immersion over: the convention's fields as JSON and CSV, logged; the person's
access request and the retention purge."""

import csv
import io
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from tests import factories
from webapp.companies.models import CompanyContact
from webapp.core.models import AccessLog
from webapp.immersions.export import convention_record, export_csv, export_json
from webapp.immersions.models import Immersion
from webapp.immersions.schedule import parse_schedule
from webapp.profiles.access_request import export_profile
from webapp.profiles.retention import RetentionRule, purge_profiles

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _immersion():
    org = factories.organisation("PLIE Marseille Provence", kind="plie")
    ae = factories.user((org, "ae"), name="Nadia Essai", email="nadia@plie.example")
    person = factories.profile(org, ae=ae, label="Karima B.", external_ref="FT-123",
                               consent_promotion=True)
    host = factories.company("Autocars du Vieux-Port", siret="73282932000074",
                             address="12 quai du Port")
    host.contacts.append(CompanyContact(name="Samir Caron", role="Chef d'équipe"))
    schedule = parse_schedule([[("08:30", "12:00"), ("13:30", "17:00")]] * 4 + [[("08:30", "12:00")]])
    return factories.immersion(
        person, host, status="convention_signed", rome_code="N4103", objective="confirm",
        start_date=date(2026, 3, 2), end_date=date(2026, 3, 13), schedule=schedule.to_json(),
        activities="Accueil des voyageurs, contrôle des titres.", tutor_name="Samir Caron",
        tutor_role="Chef d'équipe", tutor_phone="04 91 00 00 00", tutor_email="samir@autocars.example",
        convention_kind="immersion_facilitee", convention_reference="IF-8841",
    )


def test_the_record_has_the_fields_of_the_immersion_facilitee_convention(database):
    immersion = _immersion()
    record = convention_record(immersion)
    assert record["dateStart"] == "2026-03-02" and record["dateEnd"] == "2026-03-13"
    assert record["siret"] == "73282932000074" and record["businessName"] == "Autocars du Vieux-Port"
    assert record["immersionAddress"].startswith("12 quai du Port, Marseille 1er")
    assert record["immersionObjective"] == "Confirmer un projet professionnel"
    assert record["immersionAppellation"] == {
        "romeCode": "N4103", "romeLabel": immersion.rome.label}
    assert record["establishmentTutor"] == {
        "role": "establishment-tutor", "firstName": "Samir", "lastName": "Caron", "job": "Chef d'équipe",
        "phone": "04 91 00 00 00", "email": "samir@autocars.example"}
    assert record["signatories"]["beneficiary"] == {
        "role": "beneficiary", "firstName": "Karima", "lastName": "B.", "externalReference": "FT-123"}
    assert record["agency"] == {"name": "PLIE Marseille Provence",
                                "referent": {"name": "Nadia Essai", "email": "nadia@plie.example"}}
    assert record["conventionReference"] == "IF-8841" and record["externalId"] == immersion.reference


def test_the_schedule_is_given_day_by_day_with_its_totals(database):
    schedule = convention_record(_immersion())["schedule"]
    assert (schedule["workedDays"], schedule["weeklyHours"], schedule["totalHours"]) == (10, 31.5, 63)
    assert schedule["complexSchedule"][0] == {"date": "2026-03-02", "timePeriods": [
        {"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:00"}]}
    assert schedule["complexSchedule"][4] == {"date": "2026-03-06", "timePeriods": [
        {"start": "08:30", "end": "12:00"}]}
    assert [day["date"] for day in schedule["complexSchedule"]][5] == "2026-03-09"  # no weekend
    assert schedule["weeklySchedule"]["samedi"] == []


def test_the_json_export_is_logged_and_lists_what_to_complete(database):
    immersion = _immersion()
    ae = immersion.referent
    document = export_json(immersion, ae, "/immersions/1/convention.json", NOW)
    assert document["format"] == "passerelle-convention-pmsmp/1"
    assert "signatories.beneficiary.birthdate" in document["champsACompleter"]
    [entry] = database.session.scalars(select(AccessLog).where(AccessLog.profile_id == immersion.profile_id))
    assert (entry.user_id, entry.action, entry.page) == (ae.id, "immersion_export", "/immersions/1/convention.json")
    assert entry.action_label == "Export d'une convention d'immersion"


def test_the_csv_export_has_one_row_under_the_same_keys(database):
    immersion = _immersion()
    text = export_csv(immersion, immersion.referent, "/x", NOW)
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    cells = dict(zip(header, row, strict=True))
    assert cells["siret"] == "73282932000074" and cells["dateStart"] == "2026-03-02"
    assert cells["immersionAppellation.romeCode"] == "N4103"
    assert cells["establishmentTutor.lastName"] == "Caron"
    assert cells["schedule.lundi"] == "08:30-12:00 13:30-17:00" and cells["schedule.vendredi"] == "08:30-12:00"
    assert cells["schedule.totalHours"] == "63" and cells["schedule.weeklyHours"] == "31,5"
    assert database.session.scalar(select(func.count(AccessLog.id)).where(
        AccessLog.action == "immersion_export")) == 1


def test_the_access_request_lists_the_persons_immersions(database):
    immersion = _immersion()
    document = export_profile(immersion.profile, immersion.referent, "/profils/1/export.json", NOW)
    [section] = document["immersions_pmsmp"]
    assert section["externalId"] == immersion.reference and section["statut"] == "Convention signée"


def test_a_purged_person_takes_their_immersions_along(database):
    immersion = _immersion()
    person = immersion.profile
    person.status, person.left_on = "left", date(2025, 1, 1)
    purge_profiles(RetentionRule(), dry_run=False, now=NOW)
    assert database.session.scalar(select(func.count(Immersion.id))) == 0


def test_a_cre_exports_the_convention_without_the_persons_file_number(database):
    immersion = _immersion()
    cre = factories.user((immersion.organisation, "cre"), name="Camille Essai")
    as_cre = export_json(immersion, cre, "/immersions/1/convention.json", NOW)
    assert as_cre["signatories"]["beneficiary"]["externalReference"] is None
    assert "FT-123" not in export_csv(immersion, cre, "/x", NOW)
    as_adviser = export_json(immersion, immersion.profile.ae, "/immersions/1/convention.json", NOW)
    assert as_adviser["signatories"]["beneficiary"]["externalReference"] == "FT-123"
