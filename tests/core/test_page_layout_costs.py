"""What every logged-in page pays before its own content (the session's user, the menu and its
badges, the bell): a fixed number of SQL statements, whatever the amount of data."""

from datetime import timedelta

from flask import g

from tests import factories
from tests.cellule.cellule_world import NOW, _promotion, build_world, person
from tests.statements import statements_of_get
from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.core.notify import Notification
from webapp.extensions import db
from webapp.promotions.models import PromotionStep

# One statement each: the user with their memberships, the menu's « réponses » badge (a CRE
# promotes people), the bell's unread count.
CRE_LAYOUT_STATEMENTS = 3


def statements_for(database, client, url: str) -> int:
    """The SQL statements one GET issues with nothing loaded yet, as in a new request of a
    server process (the test's savepoints left out)."""
    database.session.commit()
    database.session.expunge_all()
    g.pop("_login_user", None)  # the tests' app context outlives requests: load the user anew
    return statements_of_get(database, client, url)


def add_answers_and_notifications(ids: dict, start: int, count: int) -> None:
    """`count` cards of the CRE that an employer answered, each with an unread notification."""
    cre, ae = db.session.get(User, ids["cre"]), db.session.get(User, ids["ae"])
    ae_org = db.session.get(Organisation, ids["ae_org"])
    for number in range(start, start + count):
        firm = factories.company(f"Entreprise {number} (test)")
        someone = person(ae_org, ae, label=f"Karima {chr(64 + number)}.", external_ref=f"FT-{number:06d}")
        promotion = _promotion(someone, firm, cre)
        promotion.status = "interested"
        db.session.add(PromotionStep(promotion_id=promotion.id, kind="interested",
                                     at=NOW - timedelta(days=1), by_id=cre.id))
        db.session.add(Notification(kind="promotion_answered", recipient_id=cre.id,
                                    url=f"/promotions/{promotion.id}", created_at=NOW))
    db.session.flush()


def world_ids() -> dict:
    world = build_world()
    return {"cre": world.cre.id, "ae": world.ae.id, "ae_org": world.ae_org.id, "cre_email": world.cre.email}


def test_a_plain_page_issues_the_same_few_statements_for_2_answers_as_for_20(client, login, database):
    ids = world_ids()
    add_answers_and_notifications(ids, 1, 2)
    login(ids["cre_email"])
    few = statements_for(database, client, "/aide")
    page = client.get("/aide").get_data(as_text=True)
    assert 'Mes promotions <span class="badge warn nav-badge">2' in page
    assert '<span class="badge">2<span class="visually-hidden"> non lues</span>' in page
    add_answers_and_notifications(ids, 3, 18)
    many = statements_for(database, client, "/aide")
    page = client.get("/aide").get_data(as_text=True)
    assert 'Mes promotions <span class="badge warn nav-badge">20' in page
    assert '<span class="badge">20<span class="visually-hidden"> non lues</span>' in page
    assert few == many == CRE_LAYOUT_STATEMENTS, f"{few} statements with 2 answers, {many} with 20"


def test_the_bell_comes_with_the_page_and_alone_on_request(client, login, database):
    ids = world_ids()
    login(ids["cre_email"])
    page = client.get("/aide").get_data(as_text=True)
    assert '<a id="cloche" class="bell" href="/notifications/">Notifications</a>' in page
    assert "hx-get" not in page.split('id="cloche"')[1].split("</a>")[0]
    add_answers_and_notifications(ids, 1, 1)
    assert '<span class="badge">1<span class="visually-hidden"> non lue</span>' \
        in client.get("/aide").get_data(as_text=True)
    assert '<span class="badge">1<span class="visually-hidden"> non lue</span>' \
        in client.get("/notifications/cloche").get_data(as_text=True)


def test_the_notifications_page_counts_the_unread_once(client, login, database):
    ids = world_ids()
    add_answers_and_notifications(ids, 1, 3)
    login(ids["cre_email"])
    page = client.get("/notifications/").get_data(as_text=True)
    assert "3 non lues" in page and '<span class="badge">3<span' in page
    assert statements_for(database, client, "/notifications/") \
        <= statements_for(database, client, "/aide") + 2  # the list and its people's labels
