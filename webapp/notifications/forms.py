"""The forms of the notifications pages."""

from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo

from webapp.core.forms import FrenchForm


class ForgotPasswordForm(FrenchForm):
    email = EmailField("Adresse e-mail du compte", validators=[
        DataRequired("Indiquez votre adresse e-mail."), Email("Adresse e-mail invalide.")])


class NewPasswordForm(FrenchForm):
    password = PasswordField("Nouveau mot de passe", validators=[
        DataRequired("Choisissez un mot de passe.")])
    confirm = PasswordField("Confirmez le mot de passe", validators=[
        DataRequired("Confirmez le mot de passe."),
        EqualTo("password", "Les deux mots de passe diffèrent.")])


class ActionForm(FrenchForm):
    """A button only (the CSRF token)."""
