"""Forms of the employers' space, the CRE queue and employer accounts (French messages)."""

from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from webapp.core.choices import choices
from webapp.core.dates import JOB_START, DateConfirmation, DateField
from webapp.core.forms import POSTAL_CODE, POSTAL_CODE_INPUT, FrenchForm
from webapp.needs.lifecycle import NEED_CONTRACTS
from webapp.offers.models import VISIBILITIES


class DecimalCommaField(StringField):
    """A number people may type with a comma (17,5); keeps what was typed when it is not one."""

    number: float | None = None  # also when the post did not carry the field at all

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.number = None
        text = (self.data or "").strip().replace(",", ".")
        if text:
            try:
                self.number = float(text)
            except ValueError:
                raise ValueError("Indiquez un nombre, par ex. 35 ou 17,5.") from None


class NeedForm(FrenchForm):
    date_confirmed = DateConfirmation()  # "oui": an unusual start date, confirmed
    rome_code = HiddenField(
        "Métier recherché",
        validators=[
            DataRequired("Métier : tapez quelques lettres puis choisissez un métier dans la liste.")
        ],
    )
    title = StringField(
        "Intitulé du poste, avec vos mots (facultatif)",
        validators=[Length(max=200)],
        description="Par ex. « Plongeur en cuisine collective ».",
    )
    commune_insee = HiddenField(
        "Lieu de travail",
        validators=[
            DataRequired("Lieu : tapez le nom ou le code postal puis choisissez la commune.")
        ],
    )
    postal_code = StringField(
        "Code postal du lieu de travail (facultatif)",
        validators=[Optional(), POSTAL_CODE],
        render_kw=POSTAL_CODE_INPUT,
        description="Utile dans une grande commune : à Arles, 13129 pour Salin-de-Giraud.",
    )
    positions = IntegerField(
        "Nombre de personnes à recruter",
        default=1,
        validators=[InputRequired("Nombre de postes : indiquez un nombre.")],
    )
    hours_per_week = DecimalCommaField(
        "Heures par semaine",
        default="35",
        validators=[DataRequired("Heures par semaine : indiquez un nombre.")],
        description="Entre 1 et 48 heures.",
    )
    night = BooleanField("Travail de nuit")
    weekend = BooleanField("Travail le week-end")
    early_morning = BooleanField("Travail tôt le matin (avant 7 h)")
    split_shift = BooleanField("Horaires coupés (matin et soir)")
    contract = SelectField("Contrat proposé", choices=choices(NEED_CONTRACTS.items()))
    start_date = DateField(
        "Date de début souhaitée", validators=[InputRequired("Date de début : indiquez une date.")],
        horizon=JOB_START,
    )
    immersion_welcome = BooleanField(
        "J'accepte une première immersion (PMSMP) pour découvrir la personne avant l'embauche"
    )
    comment = TextAreaField("Autre chose à nous dire (facultatif)", validators=[Length(max=2000)])


class MessageForm(FrenchForm):
    body = TextAreaField(
        "Votre message",
        validators=[DataRequired("Message : écrivez quelques mots."), Length(max=4000)],
    )


class DeclineForm(FrenchForm):
    reason = TextAreaField(
        "Motif, lu par l'employeur",
        validators=[
            DataRequired("Motif : expliquez à l'employeur pourquoi le besoin n'est pas retenu."),
            Length(max=2000),
        ],
    )


class OfferFromNeedForm(FrenchForm):
    """The offer a CRE makes from a need, pre-filled from it."""

    title = StringField(
        "Intitulé de l'offre",
        validators=[DataRequired("Intitulé : indiquez l'intitulé de l'offre."), Length(max=200)],
    )
    description = TextAreaField("Description du poste", validators=[Length(max=8000)])
    salary = StringField(
        "Salaire",
        validators=[Length(max=120)],
        description="Par ex. « SMIC horaire » ou « 1 900 € brut mensuel ».",
    )
    start_date = DateField("Date de début", validators=[Optional()], horizon=JOB_START)
    end_date = DateField("Date de fin (contrats à durée limitée)", validators=[Optional()])
    visibility = SelectField("Visibilité", choices=choices(VISIBILITIES.items()))
    publish = BooleanField(
        "Publier l'offre tout de suite (sinon elle reste en brouillon)", default=True
    )
