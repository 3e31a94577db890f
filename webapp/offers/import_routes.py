"""Importing an offers file from the web: upload, preview of the report, confirm."""

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user

from webapp.core.choices import choices
from webapp.core.errors import Invalid
from webapp.core.forms import put_problems
from webapp.core.web import require
from webapp.extensions import db
from webapp.offers.editing import organisations_for
from webapp.offers.forms import ConfirmImportForm, ImportForm
from webapp.offers.importing import (
    FORMATS,
    UPLOAD_MAX_BYTES,
    import_offers,
    store_upload,
    stored_upload,
)
from webapp.offers.routes import blueprint

SESSION_KEY = "offer_import"


def _uploads() -> Path:
    return Path(current_app.instance_path) / "imports"


@blueprint.route("/import", methods=["GET", "POST"])
def import_upload():
    require(current_user, "offer.import")
    organisations = organisations_for(current_user, "offer.import")
    if not organisations:
        abort(404)
    form = ImportForm()
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations)
    if not form.validate_on_submit():
        return render_template("offers/import.html", form=form, formats=FORMATS)
    content = form.file.data.read(UPLOAD_MAX_BYTES + 1) if form.file.data else b""
    organisation = next((o for o in organisations if o.id == form.organisation_id.data), organisations[0])
    try:
        if not content:
            raise Invalid("Choisissez le fichier à importer.", "file")
        if len(content) > UPLOAD_MAX_BYTES:
            raise Invalid("Fichier trop gros (5 Mo au plus) : découpez-le.", "file")
        token = store_upload(content, _uploads())
        report = import_offers(stored_upload(token, _uploads()), form.format.data, organisation,
                               actor_id=current_user.id, dry_run=True)
    except Invalid as error:
        db.session.rollback()
        put_problems(form, error)
        return render_template("offers/import.html", form=form, formats=FORMATS), 422
    db.session.rollback()  # a preview writes nothing
    session[SESSION_KEY] = {"token": token, "format": form.format.data,
                            "organisation_id": organisation.id, "filename": form.file.data.filename}
    return render_template("offers/import_preview.html", report=report, organisation=organisation,
                           filename=form.file.data.filename, confirm=ConfirmImportForm(data={"token": token}))


@blueprint.post("/import/confirmer")
def import_confirm():
    require(current_user, "offer.import")
    form = ConfirmImportForm()
    pending = session.get(SESSION_KEY) or {}
    organisation = next((o for o in organisations_for(current_user, "offer.import")
                         if o.id == pending.get("organisation_id")), None)
    if not form.validate_on_submit() or form.token.data != pending.get("token") or organisation is None:
        flash("Cet import n'est plus en attente : déposez le fichier à nouveau.", "error")
        return redirect(url_for("offers.import_upload"), code=303)
    try:
        path = stored_upload(pending["token"], _uploads())
        report = import_offers(path, pending["format"], organisation, actor_id=current_user.id)
    except Invalid as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("offers.import_upload"), code=303)
    db.session.commit()
    path.unlink(missing_ok=True)
    session.pop(SESSION_KEY, None)
    flash(f"Import de {pending['filename']} terminé — {report.summary()}.", "success")
    return redirect(url_for("offers.pool", organisation=organisation.id, statut="tous"), code=303)
