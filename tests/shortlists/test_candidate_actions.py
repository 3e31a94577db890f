"""From an offer's candidates, a CRE prepares a card for that offer in one click (issue 17)."""

import re

from markupsafe import escape

from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.assign import assign_proposal
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.promotions.models import Promotion


def _given_to_cre(world):
    proposal = put_forward(world.ae, world.person, ProposalNote("Le matin.", "Motivée."), NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)


def test_a_cre_prepares_a_card_for_the_offer_from_its_candidates(client, login, database):
    world = build_world()
    _given_to_cre(world)
    database.session.commit()
    login(world.cre)
    page = client.get(f"/offres/{world.offer.id}/candidats").get_data(as_text=True)
    link = f"/promotions/nouvelle/{world.person.id}?offre={world.offer.id}"
    assert f'href="{link}">Préparer une carte' in page
    new = client.get(link).get_data(as_text=True)
    assert f"Pour l'offre « {escape(world.offer.title)} »" in new
    chosen = new.split('id="offre-choisie"')[1].split("</section>")[0]
    assert f'name="offer_id" value="{world.offer.id}"' in chosen
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', new)
    data = {"offer_id": str(world.offer.id), **({"csrf_token": token.group(1)} if token else {})}
    response = client.post(link, data=data)
    assert response.status_code == 303
    promotion = database.session.query(Promotion).one()
    assert promotion.offer_id == world.offer.id and promotion.company_id == world.offer.company_id


def test_no_card_link_for_someone_the_cre_may_not_promote(client, login, database):
    world = build_world()  # the person was never put forward to the CRE's cellule
    database.session.commit()
    login(world.cre)
    page = client.get(f"/offres/{world.offer.id}/candidats").get_data(as_text=True)
    assert "Préparer une carte" not in page
