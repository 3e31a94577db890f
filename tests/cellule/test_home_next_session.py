"""The animateur's home leads to the next session in one click (issue 17)."""

from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.proposals import ProposalNote, put_forward


def test_the_animateur_s_home_links_to_the_next_session(client, login, database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, ProposalNote("Le matin.", "Motivée."), NOW)
    database.session.commit()
    login(world.animateur)
    home = client.get("/").get_data(as_text=True)
    assert f'<a href="/cellule/seances/{proposal.session_id}">Prochaine séance</a>' in home
    card = home.split("Prochaine séance")[0].rsplit('<li class="stat-card', 1)[1]
    assert '<span class="stat-value">1</span>' in card  # one person put forward
    assert client.get(f"/cellule/seances/{proposal.session_id}").status_code == 200


def test_a_cre_has_no_session_card(client, login, database):
    world = build_world()
    put_forward(world.ae, world.person, ProposalNote("Le matin.", "Motivée."), NOW)
    database.session.commit()
    login(world.cre)
    assert "Prochaine séance" not in client.get("/").get_data(as_text=True)
