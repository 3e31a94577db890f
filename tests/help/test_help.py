"""The help pages and the public information pages: open to all, linked from every page's
footer, the reader's own guide first."""

import pytest

from tests import factories
from webapp.help.guides import GUIDES

PUBLIC = ("/aide", "/accessibilite", "/mentions-legales", "/donnees-personnelles",
          *(f"/aide/{guide.slug}" for guide in GUIDES))


@pytest.mark.parametrize("url", PUBLIC)
def test_the_help_and_information_pages_are_public(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="fr">' in response.get_data(as_text=True)


def test_every_page_s_footer_links_to_help_and_the_information_pages(client, login, database):
    anonymous = client.get("/connexion").get_data(as_text=True)
    login(factories.user((factories.organisation(), "cre")))
    logged_in = client.get("/").get_data(as_text=True)
    for page in (anonymous, logged_in):
        footer = page[page.index('<footer class="site-footer">'):]
        for url in ("/aide", "/accessibilite", "/mentions-legales", "/donnees-personnelles"):
            assert f'href="{url}"' in footer, url
        assert "Accessibilité : non conforme" in footer  # RGAA: the status is stated


def test_the_accessibility_statement_follows_the_rgaa_model(client):
    page = client.get("/accessibilite").get_data(as_text=True)
    for heading in ("État de conformité", "Résultats des tests", "Contenus non accessibles",
                    "Dérogations pour charge disproportionnée", "Retour d'information et contact",
                    "Voies de recours"):
        assert heading in page, heading
    assert "Défenseur des droits" in page


def test_the_personal_data_page_states_the_configured_retention(app, client):
    app.config["RETENTION_MONTHS"] = 18
    app.config["LEGAL_PUBLISHER"] = "Département d'essai"
    page = client.get("/donnees-personnelles").get_data(as_text=True)
    assert "Profil sans mise à jour : 18 mois." in page
    assert "Département d&#39;essai" in page


def test_the_reader_s_own_guide_comes_first(client, login, database):
    login(factories.user((factories.organisation(), "ae")))
    page = client.get("/aide").get_data(as_text=True)
    first = page.index('href="/aide/')
    assert page[first:].startswith('href="/aide/ae"') and "votre rôle" in page
    assert client.get("/aide/inconnu").status_code == 404
