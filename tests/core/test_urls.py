"""Stored links are http(s) only: the offer form, every import path, and the rendering."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from ingestion.offers import parse_offers
from ingestion.urls import is_web_url, web_url_problem
from tests import factories
from tests.offers.test_offers import _cre, _form
from webapp.offers.models import Offer

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_URLS = ["javascript:alert(1)", " JavaScript:alert(document.cookie)", "data:text/html,<b>x</b>",
            "vbscript:msgbox", "//evil.example/x", "http:/no-host", "https://ex ample.org"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_only_http_and_https_addresses_pass(url):
    assert "http:// ou https://" in web_url_problem(url)
    assert not is_web_url(url)


@pytest.mark.parametrize("url", ["https://candidat.francetravail.fr/offres/1", "HTTP://ex.org/a?b=1"])
def test_web_addresses_pass(url):
    assert web_url_problem(url) is None and is_web_url(url)


def _france_travail_with(url: str) -> io.BytesIO:
    document = json.loads((DATA / "offres_francetravail.json").read_text(encoding="utf-8"))
    document["resultats"][0]["origineOffre"]["urlOrigine"] = url
    return io.BytesIO(json.dumps(document).encode())


def test_a_france_travail_offer_with_a_script_link_is_rejected_naming_the_field_and_record():
    result = parse_offers(_france_travail_with("javascript:alert(1)"), "francetravail")
    assert "194KXMT" not in {record.external_id for record in result.records}
    line = next(line for line in result.report.lines() if "194KXMT" in line)
    assert "origineOffre.urlOrigine" in line and "http:// ou https://" in line


def test_an_exchange_json_offer_with_a_script_link_is_rejected():
    offer = {"id": "X1", "title": "Cariste", "rome_code": "N1101", "commune": "13205",
             "contract": "CDI", "source": {"format": "json", "url": "javascript:alert(1)"}}
    result = parse_offers(io.BytesIO(json.dumps({"offers": [offer]}).encode()), "json")
    assert result.records == []
    assert any("source.url" in line and "http://" in line for line in result.report.lines())


def test_the_web_import_refuses_a_script_link_too(runner, database, tmp_path):
    factories.organisation("France Travail Marseille Centre", pole_code="I")
    path = tmp_path / "ft.json"
    path.write_bytes(_france_travail_with("javascript:alert(1)").getvalue())
    result = runner.invoke(args=["import", "offers", str(path), "--format", "francetravail",
                                 "--org", "France Travail Marseille Centre"])
    assert "194KXMT" in result.output and "urlOrigine" in result.output
    assert database.session.scalar(select(Offer).where(Offer.external_ref == "194KXMT")) is None


def test_the_offer_form_refuses_a_script_link_in_french_on_the_field(client, login, database):
    _org, cre = _cre()
    login(cre)
    response = client.post("/offres/nouvelle", data=_form(source_url="javascript:alert(1)"))
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 422)
    assert "Lien vers l&#39;offre d&#39;origine : indiquez une adresse web commençant" in page
    assert database.session.scalar(select(Offer)) is None


def test_a_bad_link_stored_before_is_not_rendered_as_a_link(client, login, database):
    org, cre = _cre()
    offer = factories.offer(org)
    offer.source_url = "javascript:alert(1)"
    database.session.commit()
    login(cre)
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert "javascript:alert" not in page
