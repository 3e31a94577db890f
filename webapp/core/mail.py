"""Handing e-mails over: SMTP (STARTTLS and login in production) or, in the embedded mode,
one .eml file per message under instance/mail/ for a newcomer to read.

Config: MAIL_HOST (empty: the folder), MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_STARTTLS,
MAIL_TIMEOUT, MAIL_FROM, MAIL_DIRECTORY. Only tasks call this, never a web request.
"""

import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app

from webapp.core import clock

log = logging.getLogger(__name__)


class MailError(Exception):
    """The message could not be handed over; the text says why, for the failures page.

    `permanent`: the server refused the address for good (an SMTP 5xx on the recipient):
    retrying will not help, the address has to be corrected."""

    def __init__(self, text: str, permanent: bool = False):
        super().__init__(text)
        self.permanent = permanent


ADDRESS_REFUSED = "adresse refusée par le serveur"


def mail_directory() -> Path:
    configured = current_app.config.get("MAIL_DIRECTORY") or ""
    return Path(configured) if configured else Path(current_app.instance_path) / "mail"


class FolderTransport:
    """Writes each message to MAIL_DIRECTORY as <timestamp>-<n>.eml."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def send(self, message: EmailMessage) -> None:
        self.count += 1
        stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
        path = self.directory / f"{stamp}-{self.count:05d}.eml"
        path.write_bytes(bytes(message))

    def close(self) -> None:
        pass


class SmtpTransport:
    """One SMTP connection for a batch of messages."""

    def __init__(self, config):
        try:
            self.smtp = smtplib.SMTP(
                config["MAIL_HOST"], int(config.get("MAIL_PORT", 587)),
                timeout=float(config.get("MAIL_TIMEOUT", 10)),
            )
            if str(config.get("MAIL_STARTTLS", "1")) not in ("0", "false", "False", ""):
                self.smtp.starttls()
            if config.get("MAIL_USERNAME"):
                self.smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"serveur de messagerie injoignable : {error}") from error

    def send(self, message: EmailMessage) -> None:
        try:
            refused = self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise _refused(error.recipients) from error
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"envoi impossible : {error}") from error
        if refused:
            raise _refused(refused)

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass


def _refused(recipients: dict) -> MailError:
    """« adresse refusée par le serveur (550 …) »: permanent when every code is a 5xx."""
    codes = [code for code, _text in recipients.values()]
    reasons = "; ".join(f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                        for code, text in recipients.values())
    return MailError(f"{ADDRESS_REFUSED} ({reasons})", permanent=all(c >= 500 for c in codes))


@contextmanager
def transport() -> Iterator[FolderTransport | SmtpTransport]:
    """The configured way out, opened once for several messages."""
    config = current_app.config
    opened = SmtpTransport(config) if config.get("MAIL_HOST") else FolderTransport(mail_directory())
    try:
        yield opened
    finally:
        opened.close()


def build_message(to: str, subject: str, text: str, html: str,
                  headers: dict[str, str] | None = None) -> EmailMessage:
    """A French plain-text + HTML message from MAIL_FROM."""
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_FROM", "Passerelle <ne-pas-repondre@passerelle.local>")
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="passerelle")
    message["Content-Language"] = "fr"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
