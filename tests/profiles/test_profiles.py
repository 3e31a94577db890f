"""Creating and editing a profile through the form: checks, history, consent, conflicts."""

from sqlalchemy import select

from tests import factories
from tests.profiles.profile_forms import valid_form
from webapp.profiles.models import ConsentChange, Profile, ProfileChange


def _world():
    org = factories.organisation("France Travail Marseille Centre", pole_code="I")
    ae = factories.user((org, "ae"), name="Nadia Accompagnatrice")
    return org, ae


def _created(database, label="Karima B.") -> Profile:
    return database.session.scalar(select(Profile).where(Profile.label == label))


def test_an_ae_creates_a_profile_with_every_field(client, login, database):
    org, ae = _world()
    login(ae)
    response = client.post("/profils/nouveau", data=valid_form(org, ae))
    assert response.status_code == 303, response.get_data(as_text=True)
    profile = _created(database)
    assert response.headers["Location"].endswith(f"/profils/{profile.id}")
    assert profile.organisation_id == org.id and profile.ae_id == ae.id
    assert profile.pole.code == "I"  # derived from the commune (Marseille 1er)
    assert profile.reference.startswith("P-")
    assert [(t.rank, t.rome_code, t.experience_months) for t in profile.targets] == [
        (1, "K2204", 18), (2, "K1304", 0)]
    assert profile.targets[0].skills == "Autolaveuse, protocoles d'hygiène"
    assert profile.mobility_modes == ["walk", "public_transport"]
    assert profile.barriers == {"mobility": "Pas de permis", "health": ""}
    assert profile.can_early_morning and not profile.can_night
    assert profile.min_hours_per_week == 15 and profile.max_hours_per_week == 26
    assert profile.consent_promotion and profile.consent_recorded_by_id == ae.id
    consent = database.session.scalars(select(ConsentChange).where(ConsentChange.profile_id == profile.id)).all()
    assert [(c.given, c.recorded_by_id) for c in consent] == [(True, ae.id)]
    creation = database.session.scalars(select(ProfileChange).where(ProfileChange.profile_id == profile.id)).one()
    assert creation.kind == "created" and creation.user_id == ae.id
    assert any(c["label"] == "Commune de résidence" for c in creation.changes)


def test_the_form_explains_each_field_and_never_asks_for_a_health_note(client, login, database):
    _, ae = _world()
    login(ae)
    page = client.get("/profils/nouveau").get_data(as_text=True)
    assert "N&#39;écrivez jamais de diagnostic" in page
    assert 'name="barriers-health"' in page
    assert "barriers-health_note" not in page
    assert 'name="barriers-mobility_note"' in page
    assert 'hx-get="/api/metiers?target=targets-0-rome_code"' in page
    assert 'hx-get="/api/communes?target=commune_insee"' in page
    assert page.count('class="help"') >= 25


def test_a_health_note_sent_anyway_is_not_kept(client, login, database):
    org, ae = _world()
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae, **{"barriers-health_note": "diabète"}))
    assert _created(database).barriers["health"] == ""


def _errors_for(client, org, ae, **overrides):
    response = client.post("/profils/nouveau", data=valid_form(org, ae, **overrides))
    return response.status_code, response.get_data(as_text=True)


def test_no_commune_is_a_field_error_and_the_typed_values_stay(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, commune_insee="", **{"commune_insee-search": "Marsei"})
    assert status == 422
    assert "Indiquez la commune où vit la personne" in page
    assert 'value="Marsei"' in page and 'value="Karima B."' in page and 'value="SOLIS-004217"' in page
    assert _created(database) is None


def test_an_unknown_rome_code_is_a_field_error(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, **{"targets-1-rome_code": "K9999"})
    assert status == 422
    assert "Code ROME « K9999 » inconnu" in page
    assert _created(database) is None


def test_minimum_hours_above_maximum_is_a_field_error(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, min_hours_per_week="30", max_hours_per_week="20")
    assert status == 422
    assert "Le minimum (30 h) dépasse le maximum d&#39;heures par semaine (20 h)." in page


def test_travel_time_of_zero_or_above_three_hours_is_a_field_error(client, login, database):
    org, ae = _world()
    login(ae)
    for minutes in ("0", "181"):
        status, page = _errors_for(client, org, ae, max_minutes=minutes)
        assert status == 422
        assert "Le temps de trajet maximal doit être compris entre 1 et 180 minutes" in page
    status, _ = _errors_for(client, org, ae, max_minutes="180")
    assert status == 303


def test_availability_before_the_entry_date_is_a_field_error(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, entry_date="2026-03-01", available_from="2026-02-01")
    assert status == 422
    assert "La date de disponibilité (01/02/2026) ne peut pas précéder l&#39;entrée en accompagnement (01/03/2026)." in page


def test_a_full_name_is_refused_as_label(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, label="Karima Benali")
    assert status == 422
    assert "Indiquez seulement le prénom et l&#39;initiale du nom" in page


def test_french_decimal_comma_is_understood(client, login, database):
    org, ae = _world()
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae, max_hours_per_week="24,5"))
    assert _created(database).max_hours_per_week == 24.5


def _edit_form(profile, org, ae, **overrides):
    return valid_form(org, ae, version=str(profile.version), **overrides)


def test_every_change_is_dated_signed_and_shown(client, login, database):
    org, ae = _world()
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae))
    profile = _created(database)
    response = client.post(f"/profils/{profile.id}/modifier",
                           data=_edit_form(profile, org, ae, max_minutes="60", consent_promotion=None))
    assert response.status_code == 303
    entry = database.session.scalars(select(ProfileChange).where(
        ProfileChange.profile_id == profile.id, ProfileChange.kind == "updated")).one()
    assert entry.user_id == ae.id and entry.at is not None
    assert {(c["label"], c["old"], c["new"]) for c in entry.changes} == {
        ("Temps de trajet maximal (minutes)", "45", "60"),
        ("Accord pour être présenté(e) aux employeurs", "Donné", "Non donné ou retiré"),
    }
    page = client.get(f"/profils/{profile.id}").get_data(as_text=True)
    assert "Historique des modifications" in page and "Nadia Accompagnatrice" in page
    assert "Temps de trajet maximal (minutes)" in page
    consents = database.session.scalars(select(ConsentChange).where(
        ConsentChange.profile_id == profile.id).order_by(ConsentChange.id)).all()
    assert [c.given for c in consents] == [True, False]
    assert "accord retiré" in page


def test_saving_without_change_writes_no_history(client, login, database):
    org, ae = _world()
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae))
    profile = _created(database)
    version = profile.version
    assert client.post(f"/profils/{profile.id}/modifier", data=_edit_form(profile, org, ae)).status_code == 303
    assert profile.version == version
    assert database.session.scalar(select(ProfileChange).where(ProfileChange.kind == "updated")) is None


def test_a_stale_save_is_refused_and_shows_what_changed(client, login, database):
    org, ae = _world()
    colleague = factories.user((org, "direction"), name="Marc Direction")
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae))
    profile = _created(database)
    opened_at = str(profile.version)
    login(colleague)
    first = client.post(f"/profils/{profile.id}/modifier", data=_edit_form(profile, org, ae, max_minutes="60"))
    assert first.status_code == 303
    login(ae)
    stale = client.post(f"/profils/{profile.id}/modifier",
                        data=valid_form(org, ae, version=opened_at, languages="français"))
    page = stale.get_data(as_text=True)
    assert stale.status_code == 422
    assert "a été modifié pendant que vous le complétiez" in page
    assert "Marc Direction" in page and "45 → 60" in page
    assert 'value="français"' in page  # what the AE typed is kept
    assert f'name="version" type="hidden" value="{profile.version}"' in page
    assert profile.max_minutes == 60 and profile.languages == "français, arabe"


def test_hired_needs_a_contract_and_left_needs_a_reason(client, login, database):
    org, ae = _world()
    login(ae)
    status, page = _errors_for(client, org, ae, status="hired")
    assert status == 422 and "Indiquez le contrat signé." in page
    status, page = _errors_for(client, org, ae, status="left")
    assert status == 422 and "Indiquez le motif de sortie" in page
    status, _ = _errors_for(client, org, ae, status="hired", hired_contract="CDI", hired_on="2026-04-01")
    assert status == 303
    assert _created(database).hired_contract == "CDI"


def test_job_ready_without_a_date_is_dated_today(client, login, database):
    org, ae = _world()
    login(ae)
    client.post("/profils/nouveau", data=valid_form(org, ae, job_ready="y"))
    profile = _created(database)
    assert profile.job_ready and profile.job_ready_since is not None


def test_the_referent_must_be_an_ae_of_the_organisation(client, login, database):
    org, ae = _world()
    stranger = factories.user((factories.organisation(), "ae"))
    login(ae)
    response = client.post("/profils/nouveau", data=valid_form(org, ae, ae_id=str(stranger.id)))
    assert response.status_code == 422
    assert _created(database) is None


def test_an_empty_form_shows_every_missing_field_at_once(client, login, database):
    org, ae = _world()
    login(ae)
    empty = {"organisation_id": str(org.id), "parcours": "emploi", "status": "accompaniment"}
    response = client.post("/profils/nouveau", data=empty)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    # the field's own validator and the service's rules, together in one answer
    assert "Indiquez le prénom et l&#39;initiale du nom." in page
    assert "Indiquez la commune où vit la personne" in page
    assert "Indiquez au moins un métier visé." in page
    assert database.session.scalar(select(Profile.id)) is None
