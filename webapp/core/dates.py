"""The date field of every form and the one rule of sane dates.

- A fixed range (MIN_YEAR..MAX_YEAR) for every date, so that year 1 or 9999 never reaches the
  services (date arithmetic overflows, the database and spreadsheets choke).
- A `Horizon` per kind of date, relative to today: a hire starting on 01/01/2099 or an entry in
  support in 2035 is refused with a French message naming the field; `unusual_date` says when
  a date is possible but worth a second look (for the forms that ask to confirm).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import wtforms

from webapp.core import clock
from webapp.core.errors import Invalid

MIN_YEAR = 1900
MAX_YEAR = 2100


def _fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def date_range_problem(day, label: str) -> str | None:
    """A French message naming `label` when `day` is outside MIN_YEAR..MAX_YEAR, else None."""
    if day is None or MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return f"{label} : indiquez une date entre {MIN_YEAR} et {MAX_YEAR}."


@dataclass(frozen=True)
class Horizon:
    """How far from today one kind of date may lie, in days: refused beyond `past`/`future`,
    unusual (to confirm) beyond `usual_past`/`usual_future`; None is no bound."""

    past: int | None = None
    future: int | None = None
    usual_past: int | None = None
    usual_future: int | None = None
    what: str = "cette date"  # what the date is, in the message ("une embauche")


# The kinds of dates the forms share (one place for the rule; days from today).
HIRE = Horizon(past=366, future=366, usual_future=92, what="une embauche")
STEP = Horizon(past=366, future=366, usual_future=183, what="une étape")
SUPPORT_ENTRY = Horizon(future=31, usual_future=0, what="une entrée en accompagnement")
SINCE = Horizon(future=0, what="cette date")  # "proche de l'emploi depuis": not yet happened
AVAILABILITY = Horizon(future=2 * 366, usual_future=366, what="une disponibilité")
JOB_START = Horizon(future=2 * 366, usual_future=366, what="un début de poste")
PUBLICATION_END = Horizon(future=2 * 366, usual_future=366, what="une fin de publication")
SESSION = Horizon(past=366, future=2 * 366, usual_future=183, what="une séance")
EVENT = Horizon(past=366, future=2 * 366, usual_past=92, usual_future=366, what="un événement")


def horizon_problem(day: date | None, label: str, horizon: Horizon,
                    today: date | None = None) -> str | None:
    """A French refusal naming `label` when `day` lies beyond the horizon, else None."""
    if day is None:
        return None
    today = today or clock.today()
    if horizon.future is not None and day > (latest := today + timedelta(days=horizon.future)):
        if horizon.future == 0:
            return f"{label} : le {_fr(day)} n'est pas encore arrivé ; indiquez une date passée."
        return (f"{label} : le {_fr(day)} est trop loin pour {horizon.what} ; "
                f"indiquez une date au plus tard le {_fr(latest)}.")
    if horizon.past is not None and day < (earliest := today - timedelta(days=horizon.past)):
        return (f"{label} : le {_fr(day)} est trop ancien pour {horizon.what} ; "
                f"indiquez une date à partir du {_fr(earliest)}.")
    return None


def unusual_date(day: date | None, label: str, horizon: Horizon,
                 today: date | None = None) -> str | None:
    """A French question when `day` is possible but unusual for its kind, else None."""
    if day is None or horizon_problem(day, label, horizon, today):
        return None
    today = today or clock.today()
    if horizon.usual_future is not None and day > today + timedelta(days=horizon.usual_future):
        return f"{label} : le {_fr(day)}, est-ce bien la date prévue ? Confirmez-la."
    if horizon.usual_past is not None and day < today - timedelta(days=horizon.usual_past):
        return f"{label} : le {_fr(day)}, est-ce bien la bonne date ? Confirmez-la."
    return None


class DateField(wtforms.DateField):
    """wtforms.DateField that refuses dates outside MIN_YEAR..MAX_YEAR and, given a `horizon`,
    dates too far from today for their kind, naming the field."""

    def __init__(self, label=None, validators=None, *, horizon: Horizon | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.horizon = horizon

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        problem = date_range_problem(self.data, self.label.text)
        if problem is None and self.horizon is not None:
            problem = horizon_problem(self.data, self.label.text, self.horizon)
        if problem:
            self.data = None
            raise ValueError(problem)


CONFIRMED = "oui"  # the value of a form's hidden `date_confirmed` once the question was asked
CONFIRM_AGAIN = " (envoyez à nouveau le formulaire pour la confirmer)"


def DateConfirmation() -> wtforms.HiddenField:
    """The hidden field a form with `ask_unusual_dates` carries as `date_confirmed`."""
    return wtforms.HiddenField(default="")


def ask_unusual_dates(form, *fields: DateField, today: date | None = None) -> None:
    """The one "confirm when merely unusual" rule of the forms: Invalid asking, next to each
    field, to confirm a date possible but unusual for its horizon (`unusual_date`), unless the
    form's hidden `date_confirmed` already says so. A date left as it was (the form's starting
    value) is not asked again. When asking, the form is marked so that sending it again, with
    the typed values kept, confirms."""
    questions = {}
    for field in fields:
        if field.data is None or field.data == field.object_data or field.horizon is None:
            continue
        if question := unusual_date(field.data, field.label.text, field.horizon, today):
            questions[field.name] = question + CONFIRM_AGAIN
    if not questions or form.date_confirmed.data == CONFIRMED:
        return
    form.date_confirmed.data = CONFIRMED
    raise Invalid(questions)
