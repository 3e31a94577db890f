"""The date field of every form: a sane range, so that year 1 or 9999 never reaches the
services (date arithmetic overflows, the database and spreadsheets choke)."""

import wtforms

MIN_YEAR = 1900
MAX_YEAR = 2100


def date_range_problem(day, label: str) -> str | None:
    """A French message naming `label` when `day` is outside MIN_YEAR..MAX_YEAR, else None."""
    if day is None or MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return f"{label} : indiquez une date entre {MIN_YEAR} et {MAX_YEAR}."


class DateField(wtforms.DateField):
    """wtforms.DateField that refuses dates outside MIN_YEAR..MAX_YEAR, naming the field."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if problem := date_range_problem(self.data, self.label.text):
            self.data = None
            raise ValueError(problem)
