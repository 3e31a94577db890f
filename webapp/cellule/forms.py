"""Forms of the cellule emploi: settings and members, sessions, agenda, live lines, putting a
person forward."""

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.cellule.models import LINE_KINDS, MEMBER_ROLES, RHYTHMS, WEEKDAYS
from webapp.core import clock
from webapp.core.choices import choices
from webapp.core.dates import SESSION, DateConfirmation, DateField, ask_unusual_dates
from webapp.core.forms import FrenchMeta, optional_int


class CelluleFormBase(FlaskForm):
    class Meta(FrenchMeta):
        pass


class PutForwardForm(CelluleFormBase):
    wishes = TextAreaField(
        "Ce que la personne recherche",
        validators=[Length(max=600)],
        description="Par ex. « un poste en cuisine le matin, près de chez elle ».",
    )
    vouching = TextAreaField(
        "Ce que vous pouvez garantir à un employeur",
        validators=[Length(max=600)],
        description="Par ex. « ponctuelle, motivée, a suivi l'atelier entretien ». "
        "Cette phrase figurera sur la carte anonyme envoyée aux employeurs.",
    )


class LineForm(CelluleFormBase):
    kind = SelectField("Type", choices=choices(LINE_KINDS.items()), default="action")
    text = TextAreaField("Texte", validators=[Length(max=1000)])
    owner_id = SelectField("Responsable", coerce=optional_int, validate_choice=False)
    due_on = DateField("Échéance", validators=[Optional()])
    proposal_id = HiddenField()


class AssignForm(CelluleFormBase):
    cre_id = SelectField(
        "CRE chargé(e) de la promotion", coerce=optional_int, validate_choice=False
    )
    version = HiddenField()


class SessionForm(CelluleFormBase):
    """A session's day, time and place: adding one, or its header (HeaderForm). An unusual day
    is asked to be confirmed (`ask_unusual_session_day`)."""

    day = DateField("Date", validators=[InputRequired("Date : indiquez le jour de la séance.")],
                    horizon=SESSION)
    start = TimeField("Heure", validators=[InputRequired("Heure : indiquez l'heure de début.")])
    place = StringField("Lieu", validators=[Length(max=200)])
    version = HiddenField()
    date_confirmed = DateConfirmation()  # "oui": an unusual date, confirmed


class HeaderForm(SessionForm):
    summary = TextAreaField("Points généraux du compte rendu", validators=[Length(max=4000)])


def ask_unusual_session_day(form: SessionForm) -> None:
    """Invalid asking to confirm a session day possible but unusual (the rule of every date:
    core.dates), unless the form says it was confirmed."""
    ask_unusual_dates(form, form.day, today=clock.today())


class NoteForm(CelluleFormBase):
    key = HiddenField()
    note = TextAreaField("Note de l'animateur", validators=[Length(max=1000)])
    version = HiddenField()


class FreeEntryForm(CelluleFormBase):
    section = SelectField("Section", validate_choice=False)
    title = StringField("Point à ajouter", validators=[Length(max=300)])


class CelluleForm(CelluleFormBase):
    name = StringField(
        "Nom de la cellule", validators=[DataRequired("Nom : indiquez le nom de la cellule.")]
    )
    pole_ids = SelectMultipleField(
        "Territoire (pôles d'insertion)",
        coerce=int,
        validate_choice=False,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    rhythm = SelectField(
        "Rythme des séances",
        choices=choices(RHYTHMS.items()),
        description="« Bimensuelle » se lit « deux fois par mois » ou « tous les deux "
        "mois » : choisissez ce que votre cellule entend.",
    )
    weekday = SelectField("Jour", coerce=int, choices=choices(enumerate(WEEKDAYS)))
    start_time = TimeField(
        "Heure de début", validators=[InputRequired("Heure : indiquez l'heure de début.")]
    )
    place = StringField("Lieu habituel", validators=[Length(max=200)])
    max_employers_per_profile = IntegerField(
        "Alerte : nombre d'employeurs à qui un même profil est présenté en même temps, au plus",
        validators=[InputRequired("Indiquez un nombre."), NumberRange(1, 50)],
        default=3,
    )
    max_cards_per_employer_week = IntegerField(
        "Alerte : nombre de cartes reçues par un même employeur en 7 jours, au plus",
        validators=[InputRequired("Indiquez un nombre."), NumberRange(1, 50)],
        default=5,
    )
    version = HiddenField()


class MemberForm(CelluleFormBase):
    user_id = SelectField("Professionnel", coerce=optional_int, validate_choice=False)
    role = SelectField("Rôle dans la cellule", choices=choices(MEMBER_ROLES.items()))
