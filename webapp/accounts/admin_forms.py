from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from webapp.accounts.models import ROLES
from webapp.accounts.organisation_models import ORGANISATION_KINDS
from webapp.core.choices import choices
from webapp.core.forms import optional_int


class OrganisationForm(FlaskForm):
    name = StringField(
        "Nom", validators=[DataRequired("Indiquez le nom."), Length(max=200)],
        description="Le nom que tous les partenaires reconnaissent, par ex. « PLIE Marseille Provence ».",
    )
    kind = SelectField("Type", choices=choices(ORGANISATION_KINDS.items()))
    pole_id = SelectField(
        "Territoire", coerce=optional_int, validators=[Optional()],
        description="Le pôle d'insertion de rattachement ; aucun pour une structure départementale.",
    )
    active = BooleanField("Active", default=True)
    submit = SubmitField("Enregistrer")


class UserForm(FlaskForm):
    email = EmailField(
        "Adresse e-mail",
        validators=[DataRequired("Indiquez l'adresse e-mail."), Email("Adresse e-mail invalide.")],
    )
    display_name = StringField(
        "Nom affiché", validators=[DataRequired("Indiquez le nom affiché."), Length(max=120)]
    )
    password = PasswordField(
        "Mot de passe", validators=[Optional()],
        description="12 caractères au moins, sans l'adresse e-mail, difficile à deviner. Laissez vide pour ne pas le changer.",
    )
    active = BooleanField("Compte actif", default=True)
    submit = SubmitField("Enregistrer")


class MembershipForm(FlaskForm):
    organisation_id = SelectField("Organisation", coerce=int)
    role = SelectField("Rôle", choices=choices(ROLES.items()))
    pole_id = SelectField(
        "Territoire", coerce=optional_int, validators=[Optional()],
        description="Limite le rôle à un pôle ; aucun = le territoire de l'organisation.",
    )
    submit = SubmitField("Ajouter ce rôle")


class CommunePoleForm(FlaskForm):
    pole = SelectField("Pôle")
    submit = SubmitField("Déplacer")
