"""The direction's home shows the headline indicators and leads to the dashboard; its menu
does not say « Mes personnes suivies » (issue 17)."""

from tests import factories


def test_the_direction_s_home_shows_the_headlines_linked_to_the_dashboard(client, login, database):
    org = factories.organisation("France Travail Étang", pole_code="I")
    ae = factories.user((org, "ae", "I"))
    factories.profile(org, ae, job_ready=True)
    login(factories.user((org, "direction", "I")))
    home = client.get("/").get_data(as_text=True)
    assert '<a href="/tableau-de-bord/#indicateur-people-ready">Personnes prêtes à l&#39;emploi</a>' in home
    assert '<a href="/tableau-de-bord/#indicateur-offers-pooled">Offres mutualisées</a>' in home
    assert "Mes personnes suivies" not in home and ">Personnes accompagnées</a>" in home


def test_an_ae_keeps_their_own_people_and_no_headlines(client, login, database):
    org = factories.organisation("France Travail Étang", pole_code="I")
    login(factories.user((org, "ae", "I")))
    home = client.get("/").get_data(as_text=True)
    assert ">Mes personnes suivies</a>" in home and "/tableau-de-bord/#" not in home
