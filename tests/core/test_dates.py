"""Sane dates (issue 17): one rule (webapp/core/dates.py) refuses a hire starting on 01/01/2099,
an entry in support in 2035 or a session moved to year 1, in French, next to the field; an
offer may end its publication before the job starts."""

from datetime import date

from werkzeug.datastructures import MultiDict

from tests.cellule.cellule_world import build_world
from tests.clock import TODAY
from webapp.cellule.calendar import next_session
from webapp.core.dates import HIRE, SESSION, SUPPORT_ENTRY, horizon_problem, unusual_date
from webapp.core.forms import FrenchForm
from webapp.offers.values import _date_problems
from webapp.profiles.forms import ProfileForm
from webapp.promotions.forms import StepForm


def test_one_rule_refuses_what_is_absurd_and_questions_what_is_unusual():
    assert horizon_problem(date(2099, 1, 1), "Date d'embauche", HIRE, TODAY) == (
        "Date d'embauche : le 01/01/2099 est trop loin pour une embauche ; indiquez une date au "
        "plus tard le 21/11/2027.")
    assert horizon_problem(date(2035, 1, 5), "Entrée", SUPPORT_ENTRY, TODAY).startswith(
        "Entrée : le 05/01/2035 est trop loin pour une entrée en accompagnement")
    assert horizon_problem(date(2026, 12, 1), "Date d'embauche", HIRE, TODAY) is None
    assert unusual_date(date(2027, 6, 1), "Date d'embauche", HIRE, TODAY) == (
        "Date d'embauche : le 01/06/2027, est-ce bien la date prévue ? Confirmez-la.")
    assert unusual_date(date(2026, 12, 1), "Date d'embauche", HIRE, TODAY) is None
    assert unusual_date(date(2099, 1, 1), "Date d'embauche", HIRE, TODAY) is None  # refused
    assert horizon_problem(date(2024, 1, 1), "Date", SESSION, TODAY).startswith(
        "Date : le 01/01/2024 est trop ancien pour une séance")


def test_profile_and_step_forms_refuse_absurd_dates_next_to_the_field(app):
    assert ProfileForm.entry_date.kwargs["horizon"] is SUPPORT_ENTRY
    assert ProfileForm.hired_on.kwargs["horizon"] is HIRE

    class Typed(FrenchForm):
        entry_date = ProfileForm.entry_date
        hired_on = ProfileForm.hired_on

    with app.test_request_context(method="POST"):
        typed = Typed(formdata=MultiDict({"entry_date": "2035-01-05", "hired_on": "2099-01-01"}))
        assert not typed.validate()
        assert "trop loin pour une entrée en accompagnement" in typed.entry_date.errors[0]
        assert "trop loin pour une embauche" in typed.hired_on.errors[0]
        assert typed.entry_date._value() == "2035-01-05"  # what was typed stays
        step = StepForm(formdata=MultiDict({"kind": "hired", "on": "2099-01-01"}))
        step.validate()
        refusal = ("Date : le 01/01/2099 est trop loin pour une étape ; indiquez une date au "
                   "plus tard le 21/11/2027.")
        assert step.on.errors == [refusal]


def test_a_session_moved_to_year_1_or_2099_is_refused_in_french(client, login, database):
    world = build_world()
    session = next_session(world.cellule, world.offer.created_at)
    login(world.animateur)
    for day, message in (("0001-01-01", "indiquez une date entre 1900 et 2100"),
                         ("2099-01-06", "est trop loin pour une séance")):
        response = client.post(f"/cellule/seances/{session.id}/en-tete", data={
            "day": day, "start": "09:30", "place": "Salle 3", "summary": "",
            "version": session.version}, follow_redirects=True)
        assert response.status_code == 200 and message in response.get_data(as_text=True), day
    assert session.scheduled_at.year == 2026


def test_an_offer_may_end_its_publication_before_the_job_starts():
    class Values:
        start_date, end_date = date(2027, 3, 1), date(2027, 1, 31)

    assert _date_problems(Values(), TODAY, start_date_typed=True) == {}
