"""A real SMTP server in the test process (aiosmtpd), and a mail server that is down."""

import socket
from contextlib import contextmanager
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def text(self, message) -> str:
        return message.get_body(("plain",)).get_content()

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_settings(app):
    saved = {key: app.config.get(key) for key in ("MAIL_HOST", "MAIL_PORT", "MAIL_STARTTLS",
                                                   "MAIL_TIMEOUT")}
    yield app.config
    app.config.update(saved)


@contextmanager
def serving(inbox, mail_settings):
    """A real SMTP server on a free local port handing messages to `inbox`, set as MAIL_HOST."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mail_settings.update(MAIL_HOST="127.0.0.1", MAIL_PORT=controller.port, MAIL_STARTTLS=False,
                         MAIL_TIMEOUT=5)
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(mail_settings):
    """Messages handed to MAIL_HOST arrive in `smtp.messages`."""
    with serving(Inbox(), mail_settings) as inbox:
        yield inbox


@pytest.fixture
def smtp_down(mail_settings):
    """MAIL_HOST points at a port where nobody listens."""
    mail_settings.update(MAIL_HOST="127.0.0.1", MAIL_PORT=free_port(), MAIL_STARTTLS=False,
                         MAIL_TIMEOUT=2)
    return mail_settings
