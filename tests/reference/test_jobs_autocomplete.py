import re

from tests import factories


def _logged_in(login):
    login(factories.user((factories.organisation(), "ae")))


def test_everyday_job_names_find_their_rome_code(client, login, database):
    _logged_in(login)
    for typed, code in [("femme de ménage", "K1304"), ("cariste", "N1101"), ("auxiliaire de vie", "K1302"),
                        ("plongeur", "G1605"), ("agent entretien", "K2205")]:
        page = client.get("/api/metiers", query_string={"q": typed}, headers={"HX-Request": "true"})
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "<html" not in text
        assert f'data-code="{code}"' in text, (typed, text[:500])


def test_a_prefix_already_suggests(client, login, database):
    _logged_in(login)
    text = client.get("/api/metiers?q=auxil").get_data(as_text=True)
    assert 'data-code="K1302"' in text


def test_one_letter_suggests_nothing(client, login, database):
    _logged_in(login)
    page = client.get("/api/metiers?q=a", headers={"HX-Request": "true"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # No list and no "Aucun résultat" line: one letter is not a search yet.
    assert text.strip() == ""
    assert "data-code" not in text


def test_the_autocomplete_shows_the_job_and_the_title_that_matched(client, login, database):
    # Issue 14: "femme de ménage" offered "Sage-femme" third, "plongeur" offered fruit pickers
    # and plumbers; the official title that matched is shown beside the job.
    _logged_in(login)
    menage = client.get("/api/metiers", query_string={"q": "femme de ménage"}).get_data(as_text=True)
    assert 'data-code="J1104"' not in menage
    plongeur = client.get("/api/metiers", query_string={"q": "plongeur"}).get_data(as_text=True)
    codes = re.findall(r'data-code="([A-N]\d{4})"', plongeur)
    assert codes[0] == "G1605" and "A1401" not in codes and "F1603" not in codes
    berger = client.get("/api/metiers", query_string={"q": "Berger"}).get_data(as_text=True)
    assert re.findall(r'data-code="([A-N]\d{4})"', berger)[0] == "A1410"
    assert "<small>Berger</small>" in berger
