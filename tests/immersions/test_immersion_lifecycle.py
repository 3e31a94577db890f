"""The life cycle of an immersion: one table of steps, who may take each, dated and signed."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from tests import factories
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.permissions import can
from webapp.immersions.assessment import AssessmentInput, record_assessment
from webapp.immersions.lifecycle import TRANSITIONS, available_transitions
from webapp.immersions.models import IMMERSION_STATUSES, Immersion
from webapp.immersions.proposing import (
    ImmersionInput,
    StepInput,
    TutorInput,
    advance_immersion,
    propose_immersion,
    update_immersion,
)
from webapp.immersions.schedule import office_hours
from webapp.profiles.consent import share_profile
from webapp.profiles.models import ProfileChange
from webapp.promotions.models import Promotion

TODAY = date(2026, 2, 23)
MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 2, 23, 9, 0, tzinfo=UTC)
TUTOR = TutorInput("Samir Caron", "Chef d'équipe", "04 91 00 00 00", "samir@exemple.fr")


@pytest.fixture
def world(database):
    """An AE and their person, a host company with its employer, another employer, a CRE."""
    org = factories.organisation("France Travail Marseille I")
    ae = factories.user((org, "ae"), name="Nadia Essai")
    person = factories.profile(org, ae=ae, consent_promotion=True, label="Karima B.")
    host = factories.company("Autocars du Vieux-Port", siret="73282932000074")
    return {
        "org": org, "ae": ae, "person": person, "host": host,
        "employer": factories.employer(host, name="Jean Patron"),
        "other_employer": factories.employer(),
        "cre": factories.user((factories.organisation("Département", kind="departement_emploi"), "cre")),
    }


def _input(host, **values) -> ImmersionInput:
    values.setdefault("start_date", MONDAY)
    values.setdefault("end_date", MONDAY + timedelta(days=4))
    return ImmersionInput(company_id=host.id, rome_code="N4103", objective="discover",
                          schedule=office_hours(), **values)


def _propose(world, **values):
    return propose_immersion(world["ae"], world["person"], _input(world["host"], **values), TODAY, NOW)


def _move(user, immersion, key, today=TODAY, **step):
    return advance_immersion(user, immersion, key, StepInput(**step), immersion.version, today, NOW)


def test_every_status_is_reached_and_every_open_one_can_be_left():
    targets = {t.target for t in TRANSITIONS} | {"proposed"}
    assert targets == set(IMMERSION_STATUSES)
    for status in ("proposed", "accepted", "convention_signed", "under_way"):
        assert any(status in t.sources for t in TRANSITIONS), status
    assert not any(status in t.sources for t in TRANSITIONS for status in ("done", "cancelled"))


def test_the_ae_proposes_and_the_first_step_is_dated_and_signed(world):
    immersion = _propose(world)
    assert immersion.status == "proposed" and immersion.reference.startswith("IM-2026-")
    assert immersion.organisation_id == world["org"].id and immersion.referent_id == world["ae"].id
    [step] = immersion.steps
    assert (step.from_status, step.to_status, step.at, step.user_id) == (None, "proposed", NOW, world["ae"].id)
    assert step.signed_as == ("Nadia Essai (Accompagnateur à l'emploi (AE) · France Travail Marseille I)")


def test_a_proposal_breaking_a_rule_is_refused_and_nothing_is_written(world, database):
    with pytest.raises(Invalid, match="Règle des 30 jours de présence"):
        _propose(world, end_date=MONDAY + timedelta(days=60))
    assert database.session.scalar(select(func.count(Immersion.id))) == 0


def test_only_the_persons_side_proposes(world):
    for outsider in (world["employer"], world["cre"], factories.user((factories.organisation(), "ae"))):
        with pytest.raises(NotAllowed):
            propose_immersion(outsider, world["person"], _input(world["host"]), TODAY, NOW)
    share_profile(world["person"], world["cre"], "promotion", by=world["ae"])
    immersion = propose_immersion(world["cre"], world["person"], _input(world["host"]), TODAY, NOW)
    assert immersion.referent_id == world["ae"].id  # the person's AE stays the referent


def test_the_whole_cycle_with_the_employer_accepting(world):
    immersion = _propose(world)
    employer, ae = world["employer"], world["ae"]
    assert [t.key for t in available_transitions(employer, immersion)] == ["accept", "decline"]
    _move(employer, immersion, "accept", tutor=TUTOR)
    assert immersion.status == "accepted" and immersion.tutor_name == "Samir Caron"
    assert available_transitions(employer, immersion) == []
    with pytest.raises(NotAllowed):
        _move(employer, immersion, "sign", convention_kind="file", convention_reference="X")
    with pytest.raises(Invalid, match="référence de la convention signée"):
        _move(ae, immersion, "sign", convention_kind="immersion_facilitee")
    _move(ae, immersion, "sign", convention_kind="immersion_facilitee", convention_reference="IF-8841")
    with pytest.raises(Invalid, match="L'immersion commence le 02/03/2026"):
        _move(ae, immersion, "start")
    _move(ae, immersion, "start", today=MONDAY)
    _move(ae, immersion, "finish", today=MONDAY + timedelta(days=4), note="Tout s'est bien passé.")
    assert immersion.status == "done" and immersion.convention_reference == "IF-8841"
    assert [(s.from_status, s.to_status) for s in immersion.steps] == [
        (None, "proposed"), ("proposed", "accepted"), ("accepted", "convention_signed"),
        ("convention_signed", "under_way"), ("under_way", "done")]
    assert immersion.steps[1].signed_as.startswith("Jean Patron (Employeur · Employeur Autocars du Vieux-Port")
    assert immersion.steps[-1].note == "Tout s'est bien passé."
    assert available_transitions(ae, immersion) == []


def test_another_employer_neither_sees_nor_moves_it(world):
    immersion = _propose(world)
    outsider = world["other_employer"]
    assert not can(outsider, "immersion.view", immersion)
    with pytest.raises(NotAllowed):
        _move(outsider, immersion, "accept")


def test_declining_and_cancelling_need_a_reason(world):
    declined, cancelled = _propose(world), _propose(world, start_date=MONDAY + timedelta(days=7),
                                                    end_date=MONDAY + timedelta(days=11))
    with pytest.raises(Invalid, match="Indiquez le motif"):
        _move(world["employer"], declined, "decline")
    _move(world["employer"], declined, "decline", note="Pas de tuteur disponible en mars.")
    assert (declined.status, declined.cancel_reason) == ("cancelled", "Pas de tuteur disponible en mars.")
    with pytest.raises(NotAllowed):  # the employer declines a proposal, it cancels nothing else
        _move(world["employer"], cancelled, "cancel", note="x")
    _move(world["ae"], cancelled, "cancel", note="La personne a trouvé un emploi.")
    assert cancelled.status == "cancelled"


def test_a_cancelled_immersion_frees_the_dates(world):
    first = _propose(world)
    _move(world["ae"], first, "cancel", note="Changement de projet.")
    assert _propose(world).status == "proposed"


def test_accepting_checks_the_rules_again(world):
    immersion = _propose(world)
    world["person"].status, world["person"].left_reason = "left", "Déménagement"
    with pytest.raises(Invalid, match="Disponibilité de la personne"):
        _move(world["employer"], immersion, "accept")


def test_a_stale_version_is_a_conflict(world):
    immersion = _propose(world)
    with pytest.raises(Conflict):
        advance_immersion(world["ae"], immersion, "accept", StepInput(), immersion.version - 1, TODAY, NOW)


def test_a_proposal_is_changed_only_before_the_company_accepts(world):
    immersion = _propose(world)
    later = _input(world["host"], start_date=MONDAY + timedelta(days=7), end_date=MONDAY + timedelta(days=9))
    update_immersion(world["ae"], immersion, later, immersion.version, TODAY)
    assert (immersion.start_date, immersion.end_date) == (later.start_date, later.end_date)
    with pytest.raises(NotAllowed):
        update_immersion(world["employer"], immersion, later, immersion.version, TODAY)
    _move(world["employer"], immersion, "accept")
    with pytest.raises(Invalid, match="seulement avant d'être acceptée"):
        update_immersion(world["ae"], immersion, later, immersion.version, TODAY)


def _assessment(**values) -> AssessmentInput:
    values.setdefault("outcome", "project_confirmed")
    return AssessmentInput(attendance="full", tutor_punctuality="very_good", tutor_teamwork="good",
                           tutor_job_skills="to_improve", tutor_would_hire="yes",
                           person_liked_job="yes", **values)


def _done(world):
    immersion = _propose(world)
    _move(world["employer"], immersion, "accept", tutor=TUTOR)
    _move(world["ae"], immersion, "sign", convention_kind="file", convention_reference="PMSMP-12")
    _move(world["ae"], immersion, "start", today=MONDAY)
    return immersion


def test_the_assessment_comes_after_the_end(world):
    immersion = _done(world)
    with pytest.raises(Invalid, match="notez d'abord sa fin"):
        record_assessment(world["ae"], immersion, _assessment(), None, NOW)
    _move(world["ae"], immersion, "finish", today=MONDAY + timedelta(days=4))
    with pytest.raises(NotAllowed):
        record_assessment(world["employer"], immersion, _assessment(), None, NOW)
    assessment = record_assessment(world["ae"], immersion, _assessment(), None, NOW)
    assert (assessment.days_attended, assessment.outcome) == (5, "project_confirmed")
    assert world["person"].status == "accompaniment"


def test_a_hire_sets_the_profile_status_through_the_profile_service(world):
    immersion = _done(world)
    _move(world["ae"], immersion, "finish", today=MONDAY + timedelta(days=4))
    with pytest.raises(Invalid, match="Indiquez le contrat signé"):
        record_assessment(world["ae"], immersion, _assessment(outcome="hired"), None, NOW)
    record_assessment(world["ae"], immersion, _assessment(
        outcome="hired", hired_contract="CDD", hired_on=MONDAY + timedelta(days=14),
        hired_hours_per_week=24), None, NOW)
    person = world["person"]
    assert (person.status, person.hired_contract, person.hired_on) == ("hired", "CDD", date(2026, 3, 16))
    change = factories.db.session.scalars(select(ProfileChange).filter_by(profile_id=person.id)).one()
    assert change.source == f"Bilan de l'immersion {immersion.reference}" and change.user_id == world["ae"].id


def _promotion(world, status="interested"):
    share_profile(world["person"], world["cre"], "promotion", by=world["ae"])
    promotion = Promotion(profile=world["person"], company=world["host"], cre_id=world["cre"].id,
                          status=status, sent_at=NOW)
    factories.db.session.add(promotion)
    factories.db.session.flush()
    return promotion


def test_an_immersion_first_from_a_promotion_then_the_hire_closes_the_card(world):
    promotion, cre = _promotion(world), world["cre"]
    with pytest.raises(Invalid, match="l'immersion qui la précède se fait chez cet employeur"):
        propose_immersion(cre, world["person"], _input(factories.company(), promotion_id=promotion.id), TODAY, NOW)
    immersion = propose_immersion(cre, world["person"], _input(world["host"], promotion_id=promotion.id),
                                  TODAY, NOW)
    assert immersion.promotion_id == promotion.id
    assert (promotion.status, promotion.steps[-1].on) == ("immersion", MONDAY)
    _move(world["employer"], immersion, "accept", tutor=TUTOR)
    _move(cre, immersion, "sign", convention_kind="file", convention_reference="PMSMP-7")
    _move(cre, immersion, "start", today=MONDAY)
    _move(cre, immersion, "finish", today=MONDAY + timedelta(days=4))
    record_assessment(cre, immersion, _assessment(
        outcome="hired", hired_contract="CDI", hired_on=MONDAY + timedelta(days=7),
        hired_hours_per_week=30), None, NOW)
    assert promotion.status == "hired" and promotion.steps[-1].details == {
        "contract": "CDI", "hours_per_week": 30}
    assert world["person"].status == "hired"


def test_the_ae_links_an_immersion_to_a_card_without_moving_it(world):
    promotion = _promotion(world, status="sent")
    immersion = _propose(world, promotion_id=promotion.id)
    assert immersion.promotion_id == promotion.id and promotion.status == "sent"


def test_a_step_racing_another_save_is_a_conflict(world, database):
    immersion = _propose(world)
    database.session.execute(update(Immersion).where(Immersion.id == immersion.id).values(
        version=Immersion.version + 1).execution_options(synchronize_session=False))
    with pytest.raises(Conflict, match="a été modifiée pendant que vous la consultiez"):
        advance_immersion(world["ae"], immersion, "accept", StepInput(), immersion.version, TODAY, NOW)


def test_the_offer_must_be_the_host_companys(world):
    with pytest.raises(Invalid, match="n'est rattachée à aucune entreprise de l'annuaire"):
        _propose(world, offer_id=factories.offer(world["org"]).id)
    elsewhere = factories.offer(world["org"], company_id=factories.company().id)
    with pytest.raises(Invalid, match="est celle d'une autre entreprise que « Autocars du Vieux-Port »"):
        _propose(world, offer_id=elsewhere.id)
    mine = factories.offer(world["org"], company_id=world["host"].id)
    assert _propose(world, offer_id=mine.id).offer_id == mine.id
