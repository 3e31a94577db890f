"""The company, event, cellule, need and immersion forms show every problem at once, each next
to its field, keeping what was typed (issue 17): one submit tells the whole story."""

import html
import re

from tests.cellule.cellule_world import build_world


def _problems(response) -> list[str]:
    """The field errors of a rendered form, in page order, unescaped."""
    page = response.get_data(as_text=True)
    return [html.unescape(text) for text in re.findall(r'<p class="error" role="alert">(.*?)</p>', page)]


def _has(problems: list[str], *fragments: str) -> None:
    for fragment in fragments:
        assert any(fragment in problem for problem in problems), (fragment, problems)


def test_the_company_form_says_every_problem_at_once(client, login, database):
    world = build_world()
    login(world.cre)
    response = client.post("/entreprises/nouvelle", data={"siret": "123", "address": "12 rue Paradis"})
    assert response.status_code == 422
    _has(_problems(response), "Indiquez le nom de l'entreprise.", "Commune inconnue", "SIRET")
    assert 'value="12 rue Paradis"' in response.get_data(as_text=True)


def test_the_event_form_says_every_problem_at_once(client, login, database):
    world = build_world()
    login(world.animateur)
    response = client.post("/cellule/evenements/nouveau",
                           data={"kind": "forum", "description": "Forum des métiers du port"})
    assert response.status_code == 422
    _has(_problems(response), "Intitulé : donnez un nom", "Date : indiquez le jour", "commune")
    assert "Forum des métiers du port" in response.get_data(as_text=True)


def test_the_cellule_form_says_every_problem_at_once(client, login, database):
    world = build_world()
    login(world.admin)
    response = client.post("/cellule/nouvelle", data={"place": "Salle 9", "weekday": "1",
                                                       "max_employers_per_profile": "0"})
    assert response.status_code == 422
    _has(_problems(response), "Nom : indiquez le nom de la cellule.",
         "Territoire : choisissez au moins un pôle.", "compris entre 1 et 50")
    assert 'value="Salle 9"' in response.get_data(as_text=True)


def test_the_need_form_says_every_problem_at_once(client, login, database):
    world = build_world()
    login(world.employer)
    response = client.post("/espace-employeur/besoins/nouveau", data={
        "title": "Boulanger H/F", "positions": "0", "start_date": "2020-01-06"})
    assert response.status_code == 422
    _has(_problems(response), "Métier :", "Lieu :", "Nombre de postes : au moins 1.",
         "Date de début : elle ne peut pas être déjà passée.")
    assert 'value="Boulanger H/F"' in response.get_data(as_text=True)


def test_the_immersion_form_says_every_problem_at_once(client, login, database):
    world = build_world()
    login(world.ae)
    response = client.post(f"/immersions/nouvelle?profile_id={world.person.id}",
                           data={"objective": "discover", "rome_code": "",
                                 "start_date": "2020-01-06", "end_date": "2020-01-07",
                                 "activities": "Découvrir la plonge"})
    assert response.status_code == 422
    _has(_problems(response), "Choisissez le métier", "est déjà passé")
    assert "Découvrir la plonge" in response.get_data(as_text=True)


def test_an_empty_need_post_lists_the_problems_instead_of_failing(client, login, database):
    login(build_world().employer)
    response = client.post("/espace-employeur/besoins/nouveau", data={})
    assert response.status_code == 422
    _has(_problems(response), "Métier :", "Date de début")
