"""The dashboard's selection, read from the URL: territory, organisation, period."""

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from webapp.core.choices import choices
from webapp.core.dates import DateField
from webapp.core.forms import FrenchMeta
from webapp.dashboard.indicators.access import Access, organisation_choices, territory_choices
from webapp.dashboard.indicators.period import DEFAULT_PRESET, PRESETS


def optional_id(value):
    """`""` -> None, `"12"` -> 12; anything else is refused by the choices."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class SelectionForm(FlaskForm):
    """Field names are the URL's parameters."""

    class Meta(FrenchMeta):
        csrf = False

    territoire = SelectField("Territoire", coerce=optional_id)
    organisation = SelectField("Organisation", coerce=optional_id)
    periode = SelectField("Période", default=DEFAULT_PRESET, choices=choices(PRESETS.items()))
    debut = DateField("Du", validators=[Optional()], description="Pour « Dates choisies ».")
    fin = DateField("Au", validators=[Optional()], description="Dernier jour compris.")

    def fill_choices(self, access: Access) -> None:
        """The territories and organisations this user may pick (a 404 for any other)."""
        if not self.territoire.raw_data:
            self.territoire.data = access.default_pole()
        self.territoire.choices = choices((_id(c.value), c.label) for c in territory_choices(access))
        self.organisation.choices = choices(
            (_id(c.value), c.label) for c in organisation_choices(access, self.territoire.data))


def _id(value: str) -> int | None:
    return int(value) if value else None
