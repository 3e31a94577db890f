"""Companies and reference data through the API."""

from tests import factories
from tests.api.conftest import assert_problem


def test_companies_are_found_by_siret_or_name_without_their_contacts(api):
    firm = factories.company("Boulangerie du Panier", siret="11122233300015", notes="secret")
    by_siret = api.get("/api/v1/companies?siret=11122233300015").get_json()["items"]
    by_name = api.get("/api/v1/companies?q=panier").get_json()["items"]
    assert [c["id"] for c in by_siret] == [c["id"] for c in by_name] == [firm.id]
    one = api.get(f"/api/v1/companies/{firm.id}").get_json()
    assert one["name"] == "Boulangerie du Panier" and "notes" not in one and "contacts" not in one
    assert_problem(api.get("/api/v1/companies/999999"), 404)
    assert_problem(api.get("/api/v1/companies?siret=123"), 400, "siret")


def test_reference_data(api):
    arles = api.get("/api/v1/reference/communes?q=arles").get_json()["items"][0]
    assert arles["insee"] == "13004"
    assert api.get("/api/v1/reference/communes/13004").get_json()["name"] == "Arles"
    assert_problem(api.get("/api/v1/reference/communes/00000"), 404)
    page = api.get("/api/v1/reference/communes?departement=13&page_size=5").get_json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    jobs = api.get("/api/v1/reference/rome?q=femme%20de%20m%C3%A9nage").get_json()["items"]
    assert "K1304" in {job["code"] for job in jobs} or "K2204" in {job["code"] for job in jobs}
    assert api.get("/api/v1/reference/rome/k2204").get_json()["code"] == "K2204"
    assert api.get("/api/v1/reference/naf?q=01").get_json()["items"][0]["code"].startswith("01")
    assert api.get("/api/v1/reference/naf?q=Pêche").get_json()["items"]
