"""Forms of the employer accounts: self-registration, invitation, activation, a CRE's decision."""

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from webapp.core.forms import FrenchForm


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
