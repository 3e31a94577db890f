"""Bad input never gives a 500: huge ids, non-numeric versions, absurd dates, NUL bytes,
oversized bodies, deeply nested JSON, a broken database session, an expired CSRF token."""

import importlib
import inspect
import io
import pkgutil

import pytest
import wtforms

import webapp
from ingestion.offers import parse_offers
from ingestion.report import ImportFileError
from tests import factories
from tests.offers.test_offers import _cre, _form
from webapp.config import Config
from webapp.core import dates
from webapp.core.forms import optional_int
from webapp.core.input_guard import is_integer_key

HUGE = [2**31, 2**63, 10**30]


def _text(response) -> str:
    return response.get_data(as_text=True)


def _offer_and_login(login):
    org, cre = _cre()
    offer = factories.offer(org)
    login(cre)
    return offer


@pytest.mark.parametrize("number", HUGE)
def test_an_id_in_the_url_beyond_the_columns_is_a_404(client, login, database, number):
    _offer_and_login(login)
    for path in (f"/offres/{number}", f"/offres/{number}/modifier", f"/profils/{number}"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page introuvable" in _text(response)


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("query", ["page", "organisation", "rayon"])
def test_a_huge_integer_filter_is_refused_in_french_naming_it(client, login, database, number, query):
    _offer_and_login(login)
    response = client.get("/offres/", query_string={query: str(number)})
    assert response.status_code == 400
    assert f"Le champ « {query} » attend un nombre entier plus petit" in _text(response)


def test_a_huge_adviser_filter_on_the_caseload_is_refused(client, login, database):
    _offer_and_login(login)
    response = client.get("/profils/", query_string={"ae_id": str(2**63)})
    assert response.status_code == 400 and "« ae_id »" in _text(response)


@pytest.mark.parametrize("version", ["abc", "1e3", str(2**63)])
def test_a_bad_hidden_version_gives_a_french_error_not_a_500(client, login, database, version):
    offer = _offer_and_login(login)
    response = client.post(f"/offres/{offer.id}/statut",
                           data={"to_status": "cancelled", "version": version})
    assert response.status_code == 400
    assert "Le champ « version » attend un nombre entier" in _text(response)
    response = client.post(f"/offres/{offer.id}/modifier", data=_form(version=version))
    assert response.status_code == 400


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_an_absurd_date_is_refused_on_its_field(client, login, database, day):
    _cre_org, cre = _cre()
    login(cre)
    response = client.post("/offres/nouvelle", data=_form(start_date=day))
    assert response.status_code in (200, 422)
    assert "Date de début : indiquez une date entre 1900 et 2100." in _text(response)


def _form_classes():
    for module in pkgutil.walk_packages(webapp.__path__, "webapp."):
        if module.name.rsplit(".", 1)[-1] != "forms":
            continue
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, wtforms.Form) and cls.__module__ == loaded.__name__:
                yield cls


def _unbound_fields(cls):
    for name in dir(cls):
        value = getattr(cls, name, None)
        if isinstance(value, wtforms.fields.core.UnboundField):
            yield name, value


def test_every_date_field_of_every_form_is_the_ranged_one():
    plain = [f"{cls.__module__}.{cls.__name__}.{name}" for cls in _form_classes()
             for name, field in _unbound_fields(cls)
             if issubclass(field.field_class, wtforms.DateField)
             and not issubclass(field.field_class, dates.DateField)]
    assert plain == []


def test_every_integer_field_of_every_form_is_checked_by_the_input_guard():
    coerced = (int, optional_int)
    missed = [f"{cls.__module__}.{cls.__name__}.{name}" for cls in _form_classes()
              for name, field in _unbound_fields(cls)
              if (issubclass(field.field_class, wtforms.IntegerField)
                  or field.kwargs.get("coerce") in coerced
                  or getattr(field.kwargs.get("coerce"), "__name__", "").startswith("optional_i"))
              and not is_integer_key(name)]
    assert missed == []


def test_text_fields_are_not_mistaken_for_integers():
    texts = [f"{cls.__module__}.{cls.__name__}.{name}" for cls in _form_classes()
             for name, field in _unbound_fields(cls)
             if is_integer_key(name) and field.field_class in (
                 wtforms.StringField, wtforms.TextAreaField, wtforms.EmailField)
             and name not in ("company_id", "absorbed_id")]  # typed ids, checked as integers
    assert texts == []


def test_a_nul_byte_in_a_text_field_is_refused_before_the_database(client, login, database):
    _cre_org, cre = _cre()
    login(cre)
    response = client.post("/offres/nouvelle", data=_form(title="Agent\x00 d'entretien"))
    assert response.status_code == 400
    assert "Le champ « title » contient un caractère interdit (caractère nul)" in _text(response)
    assert client.get("/offres/", query_string={"q": "a\x00b"}).status_code == 400


def test_a_request_above_the_size_limit_gets_a_french_413(app, client, login, database, monkeypatch):
    assert Config.MAX_CONTENT_LENGTH == 10 * 1024 * 1024
    _cre_org, cre = _cre()
    login(cre)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    response = client.post("/offres/nouvelle", data=_form(description="x" * (1024 * 1024 + 1)))
    assert response.status_code == 413
    assert "dépasse la taille autorisée (1 Mo)" in _text(response)


@pytest.mark.parametrize("depth", [25, 100_000])
def test_a_deeply_nested_json_import_is_refused_cleanly(depth):
    nested = "[" * depth + "]" * depth
    with pytest.raises(ImportFileError, match="trop imbriqué"):
        parse_offers(io.BytesIO(f'{{"offers": {nested}}}'.encode()), "json")


def test_a_nul_character_in_an_import_file_is_refused():
    with pytest.raises(ImportFileError, match="caractère nul ligne 1"):
        parse_offers(io.BytesIO(b'{"offers": [{"id": "a\\u0000", "title": "x\x00"}]}'), "json")


def test_the_error_page_renders_when_the_database_session_is_broken(app, client, login, database,
                                                                     monkeypatch):
    _cre_org, cre = _cre()
    login(cre)

    def broken_view():
        from webapp.accounts.organisation_models import Organisation
        from webapp.extensions import db

        db.session.add(Organisation(name=None))
        db.session.flush()  # IntegrityError: the session now needs a rollback

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "offers.pool", broken_view)
    response = client.get("/offres/")
    assert response.status_code == 500
    page = _text(response)
    assert "Une erreur est survenue" in page and "Passerelle" in page


def test_an_expired_csrf_token_gives_a_french_page_with_a_way_back(app, client, login, database,
                                                                  monkeypatch):
    _cre_org, cre = _cre()
    login(cre)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post("/offres/nouvelle", data=_form(),
                           headers={"Referer": "http://localhost/offres/nouvelle"})
    page = _text(response)
    assert response.status_code == 400
    assert "Formulaire expiré" in page and "rien n&#39;a été enregistré" in page
    assert 'href="http://localhost/offres/nouvelle" data-history-back' in page
    assert "The CSRF token" not in page and "The browser (or proxy)" not in page
    fragment = client.post("/offres/nouvelle", data=_form(), headers={"HX-Request": "true"})
    assert fragment.status_code == 400
    assert "<html" not in _text(fragment) and "data-error-fragment" in _text(fragment)
    assert "Formulaire expiré" in _text(fragment)


def test_the_way_back_never_leads_to_another_site(app, client, login, database, monkeypatch):
    _cre_org, cre = _cre()
    login(cre)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = _text(client.post("/offres/nouvelle", data=_form(),
                             headers={"Referer": "https://evil.example/offres"}))
    assert "evil.example" not in page and "Revenir à l'accueil" in page
