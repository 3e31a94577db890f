"""The weekly schedule of an immersion: the same periods every week, and what they add up to."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from webapp.core.errors import Invalid
from webapp.core.formatting import number_fr

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
PERIODS_PER_DAY = 2  # morning and afternoon, as the form and the paper convention have them


@dataclass(frozen=True)
class TimePeriod:
    start: time
    end: time

    @property
    def hours(self) -> float:
        minutes = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return minutes / 60

    def text(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


def _clock(moment: time) -> str:
    """9 h, 13 h 30: the way French timetables read."""
    return f"{moment.hour} h" if not moment.minute else f"{moment.hour} h {moment.minute:02d}"


def _hours_text(hours: float) -> str:
    """7 h, 6,5 h, 6,75 h."""
    if float(hours).is_integer():
        return f"{number_fr(hours)} h"
    return f"{number_fr(hours, 2).rstrip('0')} h"


@dataclass(frozen=True)
class WeeklySchedule:
    """Seven days, Monday first, each with its periods in order."""

    days: tuple[tuple[TimePeriod, ...], ...]

    @classmethod
    def from_json(cls, value: list | None) -> "WeeklySchedule":
        """The schedule stored on an immersion (lists of ["HH:MM", "HH:MM"])."""
        rows = list(value or [])[:7] + [[]] * (7 - len(value or []))
        return cls(tuple(tuple(TimePeriod(time.fromisoformat(a), time.fromisoformat(b))
                               for a, b in day) for day in rows))

    def to_json(self) -> list[list[list[str]]]:
        return [[[p.start.strftime("%H:%M"), p.end.strftime("%H:%M")] for p in day]
                for day in self.days]

    def day_hours(self, weekday: int) -> float:
        return sum(period.hours for period in self.days[weekday])

    @property
    def hours_per_week(self) -> float:
        return sum(self.day_hours(weekday) for weekday in range(7))

    @property
    def worked_weekdays(self) -> tuple[int, ...]:
        return tuple(weekday for weekday, day in enumerate(self.days) if day)

    def presence_days(self, start: date, end: date) -> list[date]:
        """The dates between start and end (both included) on which the person is expected."""
        worked = set(self.worked_weekdays)
        return [start + timedelta(days=offset) for offset in range((end - start).days + 1)
                if (start + timedelta(days=offset)).weekday() in worked]

    def total_hours(self, start: date, end: date) -> float:
        return sum(self.day_hours(day.weekday()) for day in self.presence_days(start, end))

    def lines(self) -> list[str]:
        """One French line per worked day: « lundi : 9 h-12 h, 13 h 30-17 h (6 h 30) »."""
        return [f"{WEEKDAYS[weekday]} : {', '.join(p.text() for p in self.days[weekday])} "
                f"({_hours_text(self.day_hours(weekday))})" for weekday in self.worked_weekdays]

    def summary(self) -> str:
        return f"{_hours_text(self.hours_per_week)} par semaine"


def parse_schedule(days: list[list[tuple[str, str]]]) -> WeeklySchedule:
    """A schedule from the form's text (seven days of (start, end) pairs, "" when empty).

    Invalid, naming the day, when a period is half filled, ends before it starts, or overlaps
    the previous one.
    """
    parsed: list[tuple[TimePeriod, ...]] = []
    for weekday, pairs in enumerate(days):
        periods: list[TimePeriod] = []
        for start_text, end_text in pairs:
            start_text, end_text = (start_text or "").strip(), (end_text or "").strip()
            if not start_text and not end_text:
                continue
            where = f"schedule.{weekday}"
            if not start_text or not end_text:
                raise Invalid(f"Emploi du temps, {WEEKDAYS[weekday]} : indiquez l'heure de début "
                              "et l'heure de fin de chaque plage.", where)
            try:
                period = TimePeriod(time.fromisoformat(start_text), time.fromisoformat(end_text))
            except ValueError:
                raise Invalid(f"Emploi du temps, {WEEKDAYS[weekday]} : heure invalide "
                              "(par ex. 09:00).", where) from None
            if period.end <= period.start:
                raise Invalid(f"Emploi du temps, {WEEKDAYS[weekday]} : la plage {period.text()} "
                              "finit avant de commencer.", where)
            if periods and period.start < periods[-1].end:
                raise Invalid(f"Emploi du temps, {WEEKDAYS[weekday]} : les plages "
                              f"{periods[-1].text()} et {period.text()} se chevauchent.", where)
            periods.append(period)
        parsed.append(tuple(periods))
    parsed += [()] * (7 - len(parsed))
    return WeeklySchedule(tuple(parsed[:7]))


def office_hours(days: int = 5) -> WeeklySchedule:
    """9 h-12 h and 13 h-17 h on the first `days` days of the week: the usual starting point."""
    day = (TimePeriod(time(9), time(12)), TimePeriod(time(13), time(17)))
    return WeeklySchedule(tuple(day if weekday < days else () for weekday in range(7)))
