"""The administrator's form for a new API token."""

from wtforms import DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.api.models import SCOPES
from webapp.core.choices import choices
from webapp.core.forms import FrenchForm, optional_int


class TokenForm(FrenchForm):
    organisation_id = SelectField("Organisation", coerce=optional_int,
                                  validators=[DataRequired("Choisissez l'organisation.")])
    name = StringField("Nom du jeton", validators=[DataRequired("Donnez un nom au jeton."),
                                                   Length(max=120)],
                       description="Le système qui l'utilisera, par ex. « Extranet RSA – production ».")
    scopes = SelectMultipleField("Droits", choices=choices(SCOPES.items()),
                                 widget=ListWidget(prefix_label=False),
                                 option_widget=CheckboxInput())
    expires_on = DateField("Expire le", validators=[Optional()],
                           description="Laissez vide pour un jeton sans date d'expiration.")


class RevokeForm(FrenchForm):
    pass
