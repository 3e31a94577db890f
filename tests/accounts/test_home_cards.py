"""Every home counter leads to the list it counts (issue 17)."""

import re

import pytest

from tests import factories

CARD = re.compile(r'<li class="stat-card tone-[a-z]+">(.*?)</li>', re.DOTALL)
LINK = re.compile(r'<a href="([^"]+)">')


def _users():
    org = factories.organisation("France Travail Étang", pole_code="I")
    return {
        "cre": factories.user((org, "cre", "I")),
        "ae": factories.user((org, "ae", "I")),
        "direction": factories.user((org, "direction", "I")),
        "animateur": factories.user((org, "animateur", "I")),
        "admin": factories.user((org, "admin")),
        "employer": factories.employer(),
    }


def _cards(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    return CARD.findall(page)


@pytest.mark.parametrize("role", ["cre", "ae", "direction", "animateur", "admin", "employer"])
def test_every_home_card_is_a_link_to_a_page_that_opens(client, login, database, role):
    login(_users()[role])
    cards = _cards(client)
    assert cards
    for card in cards:
        found = LINK.search(card)
        assert found, f"card without a link: {card}"
        url = found.group(1).replace("&amp;", "&").split("#")[0]
        assert client.get(url, follow_redirects=True).status_code == 200, url


def test_the_cards_lead_to_the_filtered_lists(client, login, database):
    login(_users()["cre"])
    page = client.get("/").get_data(as_text=True)
    assert '/offres/?expire=7"' in page
    assert '/besoins/#a-prendre"' in page
    assert '/prospection/mes-actions"' in page


def test_the_pool_filters_the_offers_whose_publication_ends_soon(client, login, database):
    from datetime import timedelta

    from webapp.core import clock

    org = factories.organisation("France Travail Étang", pole_code="I")
    cre = factories.user((org, "cre", "I"))
    factories.offer(org, title="Plongeur bientôt clos", end_date=clock.today() + timedelta(days=3))
    factories.offer(org, title="Serveur encore longtemps", end_date=clock.today() + timedelta(days=40))
    login(cre)
    page = client.get("/offres/?expire=7").get_data(as_text=True)
    assert "Plongeur bientôt clos" in page and "Serveur encore longtemps" not in page
