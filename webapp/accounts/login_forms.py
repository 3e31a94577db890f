from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email


class LoginForm(FlaskForm):
    email = EmailField(
        "Adresse e-mail",
        validators=[DataRequired("Indiquez votre adresse e-mail."), Email("Adresse e-mail invalide.")],
    )
    password = PasswordField("Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")])
    submit = SubmitField("Se connecter")
