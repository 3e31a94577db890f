"""A hire recorded by an immersion's assessment is corrected by its author, the change logged."""

from datetime import timedelta

from sqlalchemy import select

from tests import factories
from tests.clock import TODAY
from tests.immersions.test_immersion_pages import NEXT_MONDAY, world  # noqa: F401 - fixture
from webapp.immersions.models import ImmersionStep
from webapp.profiles.consent import share_profile
from webapp.profiles.models import ProfileChange

ANSWERS = {"attendance": "full", "tutor_punctuality": "good", "tutor_teamwork": "good",
           "tutor_job_skills": "very_good", "tutor_would_hire": "yes", "person_liked_job": "yes",
           "outcome": "hired", "hired_contract": "CDD", "hired_hours_per_week": "24"}


def test_the_author_corrects_the_hires_date_and_contract(client, login, world, database):  # noqa: F811
    immersion = factories.immersion(world["person"], world["host"], status="done",
                                    start_date=NEXT_MONDAY - timedelta(days=14))
    cre = factories.user((factories.organisation("Département", kind="departement_emploi"), "cre"),
                         name="Claire CRE")
    share_profile(world["person"], cre, "promotion", by=world["ae"])
    database.session.commit()
    url = f"/immersions/{immersion.id}/bilan"
    login(world["ae"])
    first = client.post(url, data={**ANSWERS, "hired_on": NEXT_MONDAY.isoformat()})
    assert first.status_code == 303
    version = str(immersion.assessment.version)

    login(cre)  # another user who may assess: the hire is not theirs to correct
    typed = {**ANSWERS, "hired_contract": "CDI", "hired_on": (NEXT_MONDAY + timedelta(days=7)).isoformat(),
             "version": version}
    refused = client.post(url, data=typed)
    assert refused.status_code == 422
    assert "seul l&#39;auteur de l&#39;embauche" in refused.text
    database.session.refresh(immersion.assessment)
    assert immersion.assessment.hired_contract == "CDD"

    login(world["ae"])
    corrected = client.post(url, data=typed)
    assert corrected.status_code == 303, corrected.text
    assessment, person = immersion.assessment, world["person"]
    database.session.refresh(assessment)
    database.session.refresh(person)
    new_day = NEXT_MONDAY + timedelta(days=7)
    assert (assessment.hired_contract, assessment.hired_on) == ("CDI", new_day)
    assert (person.status, person.hired_contract, person.hired_on) == ("hired", "CDI", new_day)
    step = database.session.scalars(select(ImmersionStep).where(
        ImmersionStep.immersion_id == immersion.id).order_by(ImmersionStep.id.desc())).first()
    assert step.user_id == world["ae"].id and step.note == (
        f"Embauche corrigée : {new_day:%d/%m/%Y}, CDI (au lieu du {NEXT_MONDAY:%d/%m/%Y}, CDD).")
    sources = database.session.scalars(select(ProfileChange.source).where(
        ProfileChange.profile_id == person.id)).all()
    assert f"Embauche corrigée : immersion {immersion.reference}, début le {new_day:%d/%m/%Y} " \
           f"(au lieu du {NEXT_MONDAY:%d/%m/%Y}, CDD)" in sources
    page = client.get(f"/immersions/{immersion.id}").text
    assert "Embauche corrigée" in page
    absurd = client.post(url, data={**typed, "hired_on": "2099-01-01",
                                    "version": str(assessment.version)})
    assert absurd.status_code == 422 and "trop loin pour une embauche" in absurd.text
    assert TODAY < new_day


def test_a_hire_through_the_card_is_corrected_on_the_card_too(database):
    from tests.immersions import test_immersion_lifecycle as lc
    from webapp.immersions.assessment import record_assessment
    from webapp.immersions.proposing import propose_immersion
    from webapp.promotions.corrections import correction_text

    people = lc.world.__wrapped__(database)
    promotion, cre = lc._promotion(people), people["cre"]
    immersion = propose_immersion(cre, people["person"], lc._input(
        people["host"], promotion_id=promotion.id), lc.TODAY, lc.NOW)
    lc._move(people["employer"], immersion, "accept", tutor=lc.TUTOR)
    lc._move(cre, immersion, "sign", convention_kind="file", convention_reference="PMSMP-7")
    lc._move(cre, immersion, "start", today=lc.MONDAY)
    lc._move(cre, immersion, "finish", today=lc.MONDAY + timedelta(days=4))
    hire = {"outcome": "hired", "hired_contract": "CDI", "hired_hours_per_week": 30}
    first = record_assessment(cre, immersion, lc._assessment(
        **hire, hired_on=lc.MONDAY + timedelta(days=7)), None, lc.NOW)
    record_assessment(cre, immersion, lc._assessment(
        **hire, hired_on=lc.MONDAY + timedelta(days=9)), first.version, lc.NOW)
    step = promotion.steps[-1]
    assert (step.kind, step.on) == ("hired", lc.MONDAY + timedelta(days=9))
    assert "date 09/03/2026 → 11/03/2026" in correction_text(step)
    assert people["person"].hired_on == lc.MONDAY + timedelta(days=9)
