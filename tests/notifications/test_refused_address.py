"""An address the mail server refuses for good (SMTP 550): not retried, and shown on the
administrator's page of the account and on the user's own preferences page."""

import pytest

from tests.cellule.cellule_world import build_world
from tests.notifications.conftest import Inbox, serving
from tests.notifications.test_emails import notifications_of
from tests.promotions.test_promotions_employer import promoted
from webapp.notifications import delivery


class RefusingInbox(Inbox):
    """Refuses every address of the domain « invalide.example »."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@invalide.example"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp(mail_settings):
    with serving(RefusingInbox(), mail_settings) as inbox:
        yield inbox


def test_a_refused_address_is_shown_on_the_user_pages(client, login, database, refusing_smtp):
    world = build_world()
    world.employer.email = "eric@invalide.example"
    promoted(world)
    database.session.commit()
    counts = delivery.deliver()
    assert counts["failed"] == 1 and counts["sent"] == 2  # the CRE and the AE still receive theirs
    [note] = notifications_of(database, world.employer, "card_received")
    assert note.email_state == "failed" and note.email_attempts == 1  # not retried: a 550
    assert "550" in note.email_error and "adresse refusée" in note.email_error
    login(world.admin)
    page = client.get(f"/admin/utilisateurs/{world.employer.id}").get_data(as_text=True)
    assert "L&#39;adresse eric@invalide.example a été refusée" in page
    assert "refusée" not in client.get(f"/admin/utilisateurs/{world.cre.id}").get_data(as_text=True)
    login(world.employer)
    own = client.get("/notifications/preferences").get_data(as_text=True)
    assert "a été refusée par le serveur de messagerie" in own
