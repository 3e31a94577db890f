"""The retention purge: who goes, the dry run, the anonymous statistics and the access log."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests import factories
from webapp.core import clock
from webapp.core.access_log import log_access
from webapp.core.models import AccessLog, RetainedStatistic
from webapp.profiles.models import Profile, ProfileChange, ProfileTarget
from webapp.profiles.retention import RetentionRule, months_before, purge_candidates, purge_profiles

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
RULE = RetentionRule(months_untouched=24, days_after_exit=30)


def _world():
    org = factories.organisation("France Travail Marseille Centre", pole_code="I")
    ae = factories.user((org, "ae"))
    recent = NOW - timedelta(days=3)
    people = {
        "active": factories.profile(org, ae=ae, updated_at=recent),
        "left_long_ago": factories.profile(org, ae=ae, status="left", left_reason="Déménagement",
                                           left_on=(NOW - timedelta(days=40)).date(),
                                           updated_at=recent, parcours="socio_pro"),
        "left_yesterday": factories.profile(org, ae=ae, status="left", left_reason="Formation",
                                            left_on=(NOW - timedelta(days=1)).date(), updated_at=recent),
        "untouched": factories.profile(org, ae=ae, insee="13004", job_ready=True,
                                       updated_at=months_before(NOW, 25)),
        "almost_untouched": factories.profile(org, ae=ae, updated_at=months_before(NOW, 23)),
    }
    return ae, people


def test_left_people_after_the_grace_period_and_untouched_profiles_are_candidates(database):
    _, people = _world()
    candidates = purge_candidates(RULE, NOW)
    assert {c.reference for c in candidates} == {
        people["left_long_ago"].reference, people["untouched"].reference}
    causes = {c.reference: c.cause_label for c in candidates}
    assert causes[people["untouched"].reference] == "Dossier sans mise à jour"


def test_the_dry_run_lists_and_deletes_nothing(runner, database, app):
    _world()
    before = database.session.scalar(select(func.count(Profile.id)))
    result = runner.invoke(args=["retention", "purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "à supprimer" in result.output and "rien n'a été supprimé" in result.output
    assert database.session.scalar(select(func.count(Profile.id))) == before
    assert database.session.scalar(select(func.count(RetainedStatistic.id))) == 0


def test_the_purge_deletes_keeps_anonymous_counts_and_forgets_the_person_in_the_log(database):
    ae, people = _world()
    gone = people["left_long_ago"]
    gone_id, gone_reference = gone.id, gone.reference
    log_access(ae, gone, "view", f"/profils/{gone_id}")
    log_access(ae, people["active"], "view", f"/profils/{people['active'].id}")
    report = purge_profiles(RULE, dry_run=False, now=NOW)
    assert report.deleted == 2 and "2 profil(s) supprimé(s)." in report.lines()
    remaining = set(database.session.scalars(select(Profile.reference)))
    assert gone_reference not in remaining and people["active"].reference in remaining
    assert database.session.scalar(select(ProfileTarget).where(ProfileTarget.profile_id == gone_id)) is None
    assert database.session.scalar(select(ProfileChange).where(ProfileChange.profile_id == gone_id)) is None
    logs = database.session.scalars(select(AccessLog).order_by(AccessLog.id)).all()
    assert len(logs) == 2
    assert (logs[0].profile_id, logs[0].profile_reference, logs[0].user_id) == (None, None, ae.id)
    assert logs[1].profile_reference == people["active"].reference
    statistics = {(s.month, s.pole_code, s.parcours, s.final_status, s.cause, s.job_ready, s.count)
                  for s in database.session.scalars(select(RetainedStatistic))}
    assert statistics == {
        ("2026-10", "I", "socio_pro", "left", "left", False, 1),
        (months_before(NOW, 25).strftime("%Y-%m"), "VII", "emploi", "accompaniment", "inactive", True, 1),
    }


def test_a_second_purge_adds_to_the_same_statistic(database):
    org = factories.organisation(pole_code="I")
    for _ in range(2):
        factories.profile(org, status="left", left_reason="Déménagement",
                          left_on=(NOW - timedelta(days=60)).date())
        purge_profiles(RULE, dry_run=False, now=NOW)
    assert database.session.scalar(select(RetainedStatistic.count)) == 2


def test_the_purge_command_uses_the_configured_durations(runner, database, app):
    org = factories.organisation(pole_code="I")
    factories.profile(org, updated_at=clock.now() - timedelta(days=400))
    assert "0 profil(s)" in runner.invoke(args=["retention", "purge"]).output
    app.config["RETENTION_MONTHS"] = 12
    try:
        result = runner.invoke(args=["retention", "purge"])
    finally:
        app.config["RETENTION_MONTHS"] = 24
    assert "1 profil(s) supprimé(s)." in result.output


def test_months_before_stays_within_short_months():
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 11, 22, tzinfo=UTC), 24) == datetime(2024, 11, 22, tzinfo=UTC)
