"""Forms of the employment events: the event itself, the employers and offers it concerns, and
the people invited."""

from wtforms import HiddenField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import Length, Optional

from webapp.core.choices import choices
from webapp.core.dates import EVENT, DateConfirmation, DateField
from webapp.core.forms import FrenchForm, optional_int
from webapp.events.models import EVENT_TYPES


class EventForm(FrenchForm):
    kind = SelectField("Type d'événement", choices=choices(EVENT_TYPES.items()))
    title = StringField("Intitulé", validators=[Length(max=200)])
    on = DateField("Date", validators=[Optional()], horizon=EVENT)
    start_time = TimeField("Heure de début", validators=[Optional()])
    commune_insee = HiddenField("Commune")
    address = StringField("Adresse ou lieu précis", validators=[Length(max=250)])
    sector = SelectField(
        "Secteur",
        validate_choice=False,
        description="Deux événements du même secteur le même jour sur le territoire "
        "déclenchent une alerte.",
    )
    description = TextAreaField("Description", validators=[Length(max=4000)])
    version = HiddenField()
    confirmed = HiddenField(default="")
    date_confirmed = DateConfirmation()  # "oui": an unusual date, confirmed


class EventCompanyForm(FrenchForm):
    company_id = HiddenField("Employeur concerné")


class EventOfferForm(FrenchForm):
    offer_id = SelectField("Offre concernée", coerce=optional_int, validate_choice=False)


class InviteForm(FrenchForm):
    profile_id = SelectField("Personne à inviter", coerce=optional_int, validate_choice=False)
