"""The pool and the offer page issue as many SQL statements whatever the number of offers,
companies, organisations, communes, history steps and merged sources they show: nothing is
loaded row by row."""

import pytest
from sqlalchemy import event

from tests import factories
from tests.offers.test_offer_pool import AUBAGNE, MARSEILLE_11, _departement_cre
from webapp.offers.models import OfferEvent, OfferSource

# Marseille's arrondissements and Aubagne: all within 20 km of Marseille 11e.
NEARBY = [f"132{n:02d}" for n in range(1, 17)] + [AUBAGNE]


def add_offers(org, start: int, count: int) -> None:
    """`count` more open offers, each of its own company and partner organisation, spread over
    the communes near Marseille 11e, every one holding « cariste »."""
    for number in range(start, start + count):
        partner = factories.organisation(f"Partenaire {number}", kind="plie", pole_code=None)
        firm = factories.company(f"Entreprise {number} (test)")
        factories.offer(partner if number % 2 else org, insee=NEARBY[number % len(NEARBY)],
                        title=f"Cariste {number}", company_id=firm.id, rome_code="N1101",
                        visibility="territory")


def statements_for(database, client, url: str) -> int:
    """The SQL statements one GET issues, from a cold identity map."""
    database.session.commit()
    counted = []
    engine = database.session.get_bind()

    def count(*_):
        counted.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        answer = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200
    return len(counted)


@pytest.mark.parametrize("query", ["", "?q=cariste", f"?commune={MARSEILLE_11}&rayon=20",
                                   f"?commune={MARSEILLE_11}&rayon=20&tri=distance",
                                   "?statut=tous&tri=title"])
def test_the_pool_issues_as_many_statements_for_3_offers_as_for_40(client, login, database, query):
    org, cre = _departement_cre()
    add_offers(org, 1, 3)
    login(cre)
    few = statements_for(database, client, f"/offres/{query}")
    add_offers(org, 4, 37)
    many = statements_for(database, client, f"/offres/{query}")
    page = client.get(f"/offres/{query}").get_data(as_text=True)
    assert "40</strong> offres" in page
    assert many == few, f"{few} statements with 3 offers, {many} with 40"


def test_the_pool_counts_and_maps_the_same_offers_it_pages_through(client, login, database):
    org, cre = _departement_cre()
    add_offers(org, 1, 30)
    login(cre)
    first = client.get(f"/offres/?commune={MARSEILLE_11}&rayon=20").get_data(as_text=True)
    second = client.get(f"/offres/?commune={MARSEILLE_11}&rayon=20&page=2").get_data(as_text=True)
    assert "<strong>30</strong> offres" in first and "26 à 30 affichées" in second
    assert "30 offres correspondant aux filtres, réparties sur 17 communes" in first
    shown = {f"Cariste {n}<" for n in range(1, 31)}
    assert all(title in first or title in second for title in shown)


def add_history(offer, start: int, count: int) -> None:
    """`count` more history steps, each by its own CRE, and as many sources merged in, each of
    its own organisation and CRE."""
    for number in range(start, start + count):
        partner = factories.organisation(f"Partenaire {number}", kind="plie", pole_code=None)
        author = factories.user((partner, "cre"), name=f"Auteur {number}")
        offer.events.append(OfferEvent(user=author, kind="edit", to_status="open",
                                       changes={"title": [f"Ancien {number}", f"Nouveau {number}"]}))
        offer.sources.append(OfferSource(organisation=partner, cre=author, external_ref=f"EXT-{number}"))


def test_the_offer_page_issues_as_many_statements_for_2_steps_as_for_10(client, login, database):
    org, cre = _departement_cre()
    offer = factories.offer(org, title="Cariste", company_id=factories.company().id)
    add_history(offer, 1, 2)
    login(cre)
    few = statements_for(database, client, f"/offres/{offer.id}")
    add_history(offer, 3, 8)
    many = statements_for(database, client, f"/offres/{offer.id}")
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert "Auteur 10, le" in page and "Partenaire 10" in page and "réf. EXT-10" in page
    assert many == few, f"{few} statements with 2 steps, {many} with 10"


def test_the_pool_around_a_commune_reads_no_reference_list_from_the_database(client, login, database):
    """Its family list and its map's commune names come from the shipped referential (which
    the reference tables are loaded from), read once per process: the test's savepoint, the
    user and their memberships, the organisations of the filter, the centre and the communes
    around it, the counts by commune, the page's ids and rows, the layout's two counters, and
    the savepoint's release (the page view's commit, core/read_requests.py; a COMMIT outside
    the tests) (14 statements when the two lists were read from the database)."""
    org, cre = _departement_cre()
    add_offers(org, 1, 3)
    login(cre)
    assert statements_for(database, client, f"/offres/?commune={MARSEILLE_11}&rayon=20") <= 12
