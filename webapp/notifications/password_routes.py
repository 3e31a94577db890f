"""« Mot de passe oublié ? »: the same answer whether the address exists or not."""

from flask import flash, redirect, render_template, url_for

from webapp.core.errors import Invalid
from webapp.extensions import db
from webapp.notifications import password_reset
from webapp.notifications.forms import ForgotPasswordForm, NewPasswordForm
from webapp.notifications.routes import blueprint

SENT = ("Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé avec un lien "
        "valable une heure pour choisir un nouveau mot de passe.")


@blueprint.route("/mot-de-passe-oublie", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_reset(form.email.data)
        db.session.commit()
        flash(SENT, "info")
        return redirect(url_for("accounts.login"), code=303)
    return render_template("notifications/forgot_password.html", form=form)


@blueprint.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def choose_password(token: str):
    try:
        password_reset.user_of_token(token)
    except Invalid as error:
        return render_template("notifications/choose_password.html", problem=error.message), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data)
        except Invalid as error:
            db.session.rollback()
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            flash("Votre mot de passe est changé : connectez-vous.", "info")
            return redirect(url_for("accounts.login"), code=303)
    return render_template("notifications/choose_password.html", form=form)
