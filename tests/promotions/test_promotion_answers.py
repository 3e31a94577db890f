"""The CRE sees at a glance which employers answered: a home card and a badge on the menu
entry « Mes promotions » (issue 17)."""

from datetime import timedelta

from markupsafe import escape

from tests.cellule.cellule_world import NOW, build_world
from tests.promotions.test_promotions_employer import promoted


def _answer(client, login, world, promotion, kind="interested"):
    login(world.employer)
    data = {"kind": kind, "version": promotion.version}
    if kind == "interested":
        data.update(meeting="interview", on=(NOW + timedelta(days=3)).date().isoformat())
    else:
        data["reason"] = "filled"
    assert client.post(f"/espace-employeur/profils/{promotion.id}/reponse", data=data).status_code == 303


def test_an_employer_s_answer_shows_on_the_cre_s_home_and_menu(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.cre)
    home = client.get("/").get_data(as_text=True)
    assert "Réponses d&#39;employeurs" in home
    assert 'nav-badge' not in home
    _answer(client, login, world, promotion)
    login(world.cre)
    home = client.get("/").get_data(as_text=True)
    assert '<a href="/promotions/#reponses">Réponses d&#39;employeurs</a>' in home
    assert ('Mes promotions <span class="badge warn nav-badge">1'
            '<span class="visually-hidden"> réponses d&#39;employeurs</span>') in home
    page = client.get("/promotions/").get_data(as_text=True)
    answers = page.split('id="reponses"')[1].split("</section>")[0]
    assert promotion.reference in answers and "Employeur intéressé" in answers


def test_an_answer_stops_being_news_once_the_cre_takes_the_next_step(client, login, database):
    world = build_world()
    promotion = promoted(world)
    _answer(client, login, world, promotion)
    database.session.refresh(promotion)
    from webapp.promotions.steps import StepInput, record_step

    record_step(world.cre, promotion, StepInput("interview", NOW.date() + timedelta(days=3)), NOW)
    database.session.commit()
    login(world.cre)
    assert "nav-badge" not in client.get("/").get_data(as_text=True)


def test_the_employer_s_list_of_cards_says_the_job_of_each_card(client, login, database):
    from webapp.promotions.preparing import create_promotion, send_promotion

    world = build_world()
    spontaneous = promoted(world)
    for_offer = create_promotion(world.cre, world.person, None, world.offer, NOW)
    send_promotion(world.cre, for_offer, NOW, confirmed=True)
    database.session.commit()
    jobs = [job["label"] for job in spontaneous.card["jobs"]]
    assert jobs
    login(world.employer)
    listing = client.get("/espace-employeur/profils/").get_data(as_text=True)
    rows = {row.split("</tr>")[0] for row in listing.split("<tr>")[1:]}
    spontaneous_row = next(r for r in rows if spontaneous.reference in r)
    offer_row = next(r for r in rows if for_offer.reference in r)
    assert all(str(escape(job)) in spontaneous_row for job in jobs)
    assert str(escape(world.offer.title)) in offer_row
    assert "<td>Candidature spontanée</td>" not in listing
