"""A possible but unusual date on the profile form is asked to be confirmed, not refused."""

from sqlalchemy import func, select

from tests import factories
from tests.profiles.profile_forms import valid_form
from webapp.profiles.models import Profile


def test_unusual_entry_and_availability_dates_are_confirmed(client, login, database):
    org = factories.organisation("France Travail Marseille Centre", pole_code="I")
    ae = factories.user((org, "ae"), name="Nadia Accompagnatrice")
    login(ae)
    typed = valid_form(org, ae, entry_date="2026-12-01", available_from="2028-01-10",
                       qualifications="CACES 1")
    asked = client.post("/profils/nouveau", data=typed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert "Entrée en accompagnement : le 01/12/2026, est-ce bien la date prévue ?" in page
    assert "Disponible à partir du : le 10/01/2028, est-ce bien la date prévue ?" in page
    assert 'name="date_confirmed" type="hidden" value="oui"' in page
    assert 'value="2028-01-10"' in page and "CACES 1" in page  # what was typed stays
    assert database.session.scalar(select(func.count(Profile.id))) == 0
    confirmed = client.post("/profils/nouveau", data={**typed, "date_confirmed": "oui"})
    assert confirmed.status_code == 303
    profile = database.session.scalars(select(Profile)).one()
    assert (profile.entry_date.isoformat(), profile.available_from.isoformat()) == (
        "2026-12-01", "2028-01-10")
    # editing something else does not ask again about the dates left as they were
    edited = client.post(f"/profils/{profile.id}/modifier", data={
        **typed, "version": str(profile.version), "qualifications": "CACES 3"})
    assert edited.status_code == 303
