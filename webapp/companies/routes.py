"""The employer directory: the list, a company's page, its form, merging two records."""

from flask import (
    Blueprint,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from webapp.companies.directory import (
    CompanyValues,
    ProbableDuplicate,
    check_company,
    company_sections,
    create_company,
    directory_page,
    find_probable_duplicates,
    own_company_id,
    resolve_merged,
    suggest_companies,
    update_company,
)
from webapp.companies.forms import CompanyForm, DirectoryFilterForm, MergeForm
from webapp.companies.merge import merge_companies
from webapp.companies.models import Company
from webapp.core.choices import choices
from webapp.core.errors import Conflict
from webapp.core.forms import form_post, optional_int
from webapp.core.htmx import is_fragment_request, vary_on_htmx
from webapp.core.permissions import can, may
from webapp.core.web import allowed, get_or_404, require
from webapp.extensions import db
from webapp.offers.pool import company_offers
from webapp.reference.models import Naf
from webapp.reference.places import place_label

blueprint = Blueprint("companies", __name__)




@blueprint.get("/entreprises/")
@allowed("company.view")
def index():
    if not request.args and (company_id := own_company_id(current_user)):
        return redirect(url_for("companies.detail", company_id=company_id))  # an employer's own
    form = DirectoryFilterForm(formdata=request.args)
    page = directory_page(current_user, form.q.data or "", form.commune.data or "",
                          form.label.data or "", request.args.get("page", 1, type=int),
                          current_app.config["PAGE_SIZE"])
    args = {k: v for k, v in request.args.items() if k != "page" and not k.endswith("-search")}
    context = {"form": form, "page": page, "commune_display": place_label(form.commune.data),
               "page_urls": {n: url_for("companies.index", **args, page=n)
                             for n in (page.number - 1, page.number + 1)}}
    template = "companies/_results.html" if is_fragment_request() else "companies/index.html"
    return vary_on_htmx(make_response(render_template(template, **context)))


@blueprint.get("/entreprises/suggestions")
@allowed("company.view")
def suggest():
    """The employer autocomplete of the offer form."""
    query = request.args.get("q", "")
    suggestions = [(c.id, f"{c.name} ({c.commune.name})", c.siret or "")
                   for c in suggest_companies(current_user, query)]
    html = render_template("_suggestions.html", suggestions=suggestions, query=query,
                           target=request.args.get("target", ""))
    return vary_on_htmx(make_response(html))


@blueprint.get("/entreprises/<int:company_id>")
@allowed("company.view")
def detail(company_id: int):
    company = get_or_404(Company, company_id, current_user, "company.view")
    page = render_template(
        "companies/detail.html", company=company, offers=company_offers(current_user, company.id),
        sections=company_sections(current_user, company),
        may_edit=can(current_user, "company.edit", company) and company.merged_into_id is None,
        may_merge=can(current_user, "company.merge", company) and company.merged_into_id is None,
        may_post_offer=may(current_user, "offer.create"),
        may_read_notes=can(current_user, "company.read_notes", company),
    )
    db.session.commit()  # the access-log rows of the people its blocks name
    return page


def _form(company: Company | None) -> CompanyForm:
    form = CompanyForm(obj=company)
    if company is not None and request.method == "GET":
        form.contacts.append_entry()
    naf = db.session.execute(select(Naf.code, Naf.label).order_by(Naf.code))
    form.naf_code.choices = choices([("", "Non renseigné"), *((c, f"{c} – {label}") for c, label in naf)])
    return form


def _render_form(form: CompanyForm, company: Company | None, duplicates=(), conflict: str = ""):
    status = 422 if request.method == "POST" else 200
    commune = place_label(form.commune_insee.data) or request.form.get("commune_insee-search", "")
    return render_template("companies/form.html", form=form, company=company, duplicates=duplicates,
                           conflict=conflict, commune_display=commune), status


@blueprint.route("/entreprises/nouvelle", methods=["GET", "POST"])
@allowed("company.view")
def new():
    require(current_user, "company.edit")
    form = _form(None)
    try:
        done = form_post(
            form, lambda: create_company(current_user, form.values(),
                                         allow_duplicate=bool(request.form.get("creer_quand_meme"))),
            lambda company: f"Fiche « {company.name} » créée.",
            lambda company: url_for("companies.detail", company_id=company.id),
            check=lambda: check_company(form.values()), passes=(ProbableDuplicate,))
    except ProbableDuplicate as error:
        return _render_form(form, None, error.companies)
    return done or _render_form(form, None)


@blueprint.route("/entreprises/<int:company_id>/modifier", methods=["GET", "POST"])
@allowed("company.view")
def edit(company_id: int):
    company = get_or_404(Company, company_id, current_user, "company.edit")
    if company.merged_into_id is not None:
        return redirect(url_for("companies.edit", company_id=resolve_merged(company).id))
    form = _form(company)
    try:
        done = form_post(
            form, lambda: update_company(current_user, company, form.values(),
                                         optional_int(form.version.data) or 0),
            "Fiche enregistrée.", lambda _: url_for("companies.detail", company_id=company_id),
            check=lambda: check_company(form.values()), passes=(Conflict,))
    except Conflict as error:
        form.version.data = str(db.session.get(Company, company_id).version)
        return _render_form(form, db.session.get(Company, company_id), conflict=error.message)
    return done or _render_form(form, db.session.get(Company, company_id))


@blueprint.route("/entreprises/<int:company_id>/fusionner", methods=["GET", "POST"])
@allowed("company.view")
def merge(company_id: int):
    kept = get_or_404(Company, company_id, current_user, "company.merge")
    form = MergeForm()

    def merge_them():
        digits = "".join(c for c in form.absorbed_id.data if c.isdigit())
        absorbed = get_or_404(Company, int(digits or 0), current_user, "company.merge")
        merge_companies(current_user, kept, absorbed)

    done = form_post(form, merge_them,
                     "Fiches fusionnées : offres, contacts et historique sont maintenant ici.",
                     lambda _: url_for("companies.detail", company_id=company_id))
    if done:
        return done
    kept = db.session.get(Company, company_id)
    candidates = find_probable_duplicates(
        CompanyValues(name=kept.name, commune_insee=kept.commune_insee, siret=kept.siret), exclude_id=kept.id)
    status = 422 if request.method == "POST" else 200
    return render_template("companies/merge.html", company=kept, form=form, candidates=candidates), status
