"""The rules of an immersion, each with the French message that names it."""

from datetime import date, time, timedelta

import pytest

from tests import factories
from webapp.core.errors import Invalid
from webapp.immersions.rules import RULE_NAMES, ImmersionPlan, check_plan, plan_breaches
from webapp.immersions.schedule import TimePeriod, WeeklySchedule, office_hours, parse_schedule

MONDAY = date(2026, 3, 2)
TODAY = MONDAY - timedelta(days=7)


def _days(*pairs_per_day) -> list[list[tuple[str, str]]]:
    return [list(day) for day in pairs_per_day] + [[]] * (7 - len(pairs_per_day))


def _person(**values):
    org = factories.organisation()
    values.setdefault("consent_promotion", True)
    return factories.profile(org, ae=factories.user((org, "ae")), **values)


def _plan(person, start=MONDAY, end=None, schedule=None, company=None, **values):
    return ImmersionPlan(person, company or factories.company(), start, end or start + timedelta(days=4),
                         schedule or office_hours(), **values)


def _rules(plan, today=TODAY) -> dict[str, str]:
    return {breach.rule: breach.message for breach in plan_breaches(plan, today)}


def test_the_weekly_schedule_counts_hours_and_days_of_presence():
    schedule = office_hours()
    assert schedule.hours_per_week == 35
    assert schedule.worked_weekdays == (0, 1, 2, 3, 4)
    two_weeks = schedule.presence_days(MONDAY, MONDAY + timedelta(days=13))
    assert len(two_weeks) == 10 and all(day.weekday() < 5 for day in two_weeks)
    assert schedule.total_hours(MONDAY, MONDAY + timedelta(days=13)) == 70
    assert schedule.lines()[0] == "lundi : 9 h-12 h, 13 h-17 h (7 h)"
    assert WeeklySchedule.from_json(schedule.to_json()) == schedule


def test_a_schedule_with_half_hours_reads_the_french_way():
    schedule = parse_schedule(_days([("08:30", "12:00"), ("13:30", "16:45")]))
    assert schedule.days[0] == (TimePeriod(time(8, 30), time(12)), TimePeriod(time(13, 30), time(16, 45)))
    assert schedule.lines() == ["lundi : 8 h 30-12 h, 13 h 30-16 h 45 (6,75 h)"]


@pytest.mark.parametrize(("days", "message"), [
    (_days([("09:00", "")]), "Emploi du temps, lundi : indiquez l'heure de début et l'heure de fin"),
    (_days([], [("14:00", "12:00")]), "Emploi du temps, mardi : la plage 14 h-12 h finit avant de commencer."),
    (_days([], [], [("09:00", "12:00"), ("11:00", "15:00")]),
     "Emploi du temps, mercredi : les plages 9 h-12 h et 11 h-15 h se chevauchent."),
    (_days([("9h", "12h")]), "Emploi du temps, lundi : heure invalide"),
])
def test_a_schedule_that_cannot_be_read_names_the_day(days, message):
    with pytest.raises(Invalid, match=message):
        parse_schedule(days)


def test_thirty_days_of_presence_pass_and_thirty_one_do_not(database):
    person = _person()
    every_day = parse_schedule([[("09:00", "12:00")]] * 7)
    assert "presence_days" not in _rules(_plan(person, end=MONDAY + timedelta(days=29), schedule=every_day))
    rules = _rules(_plan(person, end=MONDAY + timedelta(days=30), schedule=every_day))
    assert rules["presence_days"] == (
        "Règle des 30 jours de présence : du 02/03/2026 au 01/04/2026, l'emploi du temps compte 31 "
        "jours de présence ; une immersion en compte 30 au plus. Raccourcissez la période.")


def test_only_the_days_actually_scheduled_count_towards_thirty(database):
    person = _person()
    six_weeks = _plan(person, end=MONDAY + timedelta(days=41))  # 6 weeks of Monday-Friday
    assert len(six_weeks.schedule.presence_days(six_weeks.start_date, six_weeks.end_date)) == 30
    assert "presence_days" not in _rules(six_weeks)


def test_more_than_forty_eight_hours_a_week_is_refused(database):
    person = _person()
    long_days = parse_schedule(_days(*[[("08:00", "12:00"), ("13:00", "18:00")]] * 5 + [[("08:00", "12:00")]]))
    assert long_days.hours_per_week == 49
    rules = _rules(_plan(person, schedule=long_days))
    assert rules["weekly_hours"] == ("Règle des 48 heures par semaine : l'emploi du temps compte "
                                     "49 h par semaine ; 48 h au plus.")
    forty_eight = parse_schedule(_days(*[[("08:00", "12:00"), ("13:00", "18:00")]] * 4 + [[("08:00", "20:00")]]))
    assert forty_eight.hours_per_week == 48
    assert "weekly_hours" not in _rules(_plan(person, schedule=forty_eight))


def test_two_immersions_of_the_same_person_may_not_overlap(database):
    person = _person()
    first = factories.immersion(person, start_date=MONDAY, end_date=MONDAY + timedelta(days=4),
                                status="accepted")
    rules = _rules(_plan(person, start=MONDAY + timedelta(days=4), end=MONDAY + timedelta(days=8)))
    assert rules["overlap"] == (
        f"Pas deux immersions en même temps : la personne a déjà l'immersion {first.reference} "
        "(acceptée par l'entreprise) du 02/03/2026 au 06/03/2026, qui recouvre ces dates.")
    next_week = _plan(person, start=MONDAY + timedelta(days=7))
    assert "overlap" not in _rules(next_week)
    assert "overlap" not in _rules(_plan(person, immersion_id=first.id))  # changing itself


def test_a_cancelled_immersion_or_another_person_does_not_overlap(database):
    person = _person()
    factories.immersion(person, start_date=MONDAY, status="cancelled")
    factories.immersion(_person(), start_date=MONDAY, status="under_way")
    assert "overlap" not in _rules(_plan(person))


def test_the_dates_follow_the_persons_availability(database):
    later = _person(available_from=MONDAY + timedelta(days=14))
    assert _rules(_plan(later))["availability"] == (
        "Disponibilité de la personne : la personne est disponible à partir du 16/03/2026 : "
        "l'immersion ne peut pas commencer le 02/03/2026.")
    hired = _person(status="hired")
    assert _rules(_plan(hired))["availability"] == (
        "Disponibilité de la personne : la personne est « Embauché » : elle ne peut pas partir "
        "en immersion.")
    assert "availability" not in _rules(_plan(_person(status="promoted")))


def test_the_persons_consent_comes_first(database):
    assert _rules(_plan(_person(consent_promotion=False)))["consent"].startswith(
        "Accord de la personne : la personne n'a pas donné son accord pour être présentée aux employeurs")


def test_the_host_company_must_exist_not_be_merged_and_be_active(database):
    person = _person()
    assert _rules(ImmersionPlan(person, None, MONDAY, MONDAY, office_hours()))["host"] == (
        "Entreprise d'accueil : choisissez l'entreprise qui accueille la personne.")
    survivor = factories.company("Boulangerie Castel")
    merged = factories.company("Boulangerie Castel SARL", merged_into_id=survivor.id)
    assert _rules(_plan(person, company=merged))["host"] == (
        "Entreprise d'accueil : « Boulangerie Castel SARL » a été fusionnée dans « Boulangerie "
        "Castel » : choisissez cette dernière.")
    closed = factories.company("Garage fermé")
    factories.organisation(kind="employer", company_id=closed.id, active=False)
    assert "n'est plus active" in _rules(_plan(person, company=closed))["host"]
    assert "host" not in _rules(_plan(person, company=survivor))


def test_dates_in_the_wrong_order_or_in_the_past_or_without_presence(database):
    person = _person()
    assert _rules(_plan(person, end=MONDAY - timedelta(days=1))) == {
        "dates": "Dates de l'immersion : la fin (01/03/2026) précède le début (02/03/2026)."}
    assert "est déjà passé" in _rules(_plan(person), today=MONDAY + timedelta(days=1))["dates"]
    saturday = MONDAY + timedelta(days=5)
    assert "aucun jour de présence" in _rules(_plan(person, start=saturday, end=saturday + timedelta(days=1)))["dates"]


def test_check_plan_reports_every_broken_rule_at_once(database):
    person = _person(consent_promotion=False, status="left", left_reason="Déménagement")
    long_days = parse_schedule(_days(*[[("07:00", "19:00")]] * 5))
    with pytest.raises(Invalid) as raised:
        check_plan(_plan(person, schedule=long_days), TODAY)
    rules = ["consent", "weekly_hours", "availability"]
    assert [breach.rule for breach in plan_breaches(_plan(person, schedule=long_days), TODAY)] == rules
    assert list(raised.value.problems) == ["profile", "schedule", "start_date"]
    assert [message.split(" : ")[0] for message in raised.value.problems.values()] == [
        RULE_NAMES[rule] for rule in rules]
