"""Forms of the employers' space, the CRE queue and employer accounts (French messages)."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.i18n import get_translations
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from webapp.choices import choices
from webapp.models import VISIBILITIES
from webapp.services.needs import NEED_CONTRACTS


class FrenchForm(FlaskForm):
    """WTForms' own messages (a number or a date that does not parse) in French."""

    class Meta:
        def get_translations(self, form):
            return get_translations(["fr_FR"])


class DecimalCommaField(StringField):
    """A number people may type with a comma (17,5); keeps what was typed when it is not one."""

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
        "Date de début souhaitée", validators=[InputRequired("Date de début : indiquez une date.")]
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
    start_date = DateField("Date de début", validators=[Optional()])
    end_date = DateField("Date de fin (contrats à durée limitée)", validators=[Optional()])
    visibility = SelectField("Visibilité", choices=choices(VISIBILITIES.items()))
    publish = BooleanField(
        "Publier l'offre tout de suite (sinon elle reste en brouillon)", default=True
    )


class RegistrationForm(FrenchForm):
    company_name = StringField(
        "Nom de l'entreprise",
        validators=[DataRequired("Nom de l'entreprise : indiquez-le."), Length(max=200)],
    )
    siret = StringField(
        "SIRET",
        validators=[DataRequired("SIRET : indiquez les 14 chiffres.")],
        description="14 chiffres, sur vos factures ou sur annuaire-entreprises.data.gouv.fr.",
    )
    commune_insee = HiddenField(
        "Commune de l'établissement",
        validators=[
            DataRequired("Commune : tapez le nom ou le code postal puis choisissez la commune.")
        ],
    )
    contact_name = StringField(
        "Vos prénom et nom",
        validators=[DataRequired("Nom : indiquez vos prénom et nom."), Length(max=120)],
    )
    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Adresse e-mail : indiquez-la."),
            Email("Adresse e-mail : elle n'est pas valide."),
        ],
    )
    password = PasswordField(
        "Mot de passe",
        validators=[DataRequired("Mot de passe : choisissez-en un.")],
        description="12 caractères au moins, sans votre adresse e-mail, difficile à deviner (par exemple plusieurs mots sans rapport).",
    )


class InvitationForm(FrenchForm):
    siret = StringField(
        "SIRET de l'entreprise (déjà dans l'annuaire)",
        validators=[DataRequired("SIRET : indiquez celui de l'entreprise.")],
    )
    contact_name = StringField(
        "Prénom et nom de la personne invitée",
        validators=[DataRequired("Nom : indiquez le nom de la personne invitée."), Length(max=120)],
    )
    email = EmailField(
        "Son adresse e-mail",
        validators=[
            DataRequired("Adresse e-mail : indiquez-la."),
            Email("Adresse e-mail : elle n'est pas valide."),
        ],
        description="Elle servira d'identifiant ; Passerelle n'y envoie aucun message.",
    )


class ActivationForm(FrenchForm):
    password = PasswordField(
        "Choisissez votre mot de passe",
        validators=[DataRequired("Mot de passe : choisissez-en un.")],
        description="12 caractères au moins, sans votre adresse e-mail, difficile à deviner (par exemple plusieurs mots sans rapport).",
    )


class ValidateRegistrationForm(FrenchForm):
    company_id = IntegerField("Entreprise de l'annuaire", validators=[Optional()])
    confirm_existing = BooleanField(
        "Je confirme : j'ai vérifié auprès des comptes existants que cette personne fait partie "
        "de l'entreprise."
    )


class RejectForm(FrenchForm):
    reason = TextAreaField(
        "Motif du refus",
        validators=[
            DataRequired("Motif : indiquez pourquoi la demande est refusée."),
            Length(max=2000),
        ],
    )
