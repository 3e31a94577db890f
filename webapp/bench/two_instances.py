"""Two web instances, one PostgreSQL, one Redis: does a person notice which one answers?

`python -m webapp.bench.two_instances [--database-url URL] [--redis-url URL]` starts two
gunicorn servers on two ports and two task-queue workers, all sharing one PostgreSQL schema of
their own and one Redis database, then checks, alternating between the servers:
- a login made on A is valid on B;
- refused logins counted on A and on B add up to one limit;
- a logout on A ends the session on B;
- a password-reset e-mail asked on A is sent once, whichever worker takes it.
It prints one line per check and exits 1 if any fails. Nothing is left behind.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from webapp.bench.database import _postgres_url, _schema

REPOSITORY = Path(__file__).resolve().parents[2]
EMAIL = "deux.instances@exemple.fr"
PASSWORD = "Passerelle-deux-instances-2026!"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies, sent to whichever server is asked."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, base: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(base + path, data=data, timeout=30) as answer:
                return answer.status, answer.headers.get("Location", ""), answer.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode()

    def post_form(self, base: str, path: str, fields: dict) -> tuple[int, str, str]:
        _, _, page = self.request(base, path)
        token = TOKEN.search(page)
        return self.request(base, path, {**fields, "csrf_token": token.group(1) if token else ""})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(environment: dict) -> None:
    """Schema, reference data and one account, through the app itself."""
    script = (
        "from webapp import create_app\n"
        "from webapp.extensions import db\n"
        "from webapp.reference.loader import load_reference_data\n"
        "from webapp.accounts.users import create_user\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    db.create_all(); load_reference_data()\n"
        f"    create_user({EMAIL!r}, 'Deux Instances', {PASSWORD!r}); db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", script], env=environment, cwd=REPOSITORY, check=True)


def wait_until_up(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/sante", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"{base} ne répond pas")


@contextmanager
def running(commands: list[list[str]], environment: dict, log_folder: Path):
    logs = [(log_folder / f"process-{number}.log").open("w") for number in range(len(commands))]
    processes = [subprocess.Popen(command, env=environment, cwd=REPOSITORY,
                                  stdout=log, stderr=subprocess.STDOUT)
                 for command, log in zip(commands, logs, strict=True)]
    try:
        yield processes
    except Exception:
        for log in logs:
            log.flush()
            sys.stderr.write(Path(log.name).read_text()[-2000:])
        raise
    finally:
        for log in logs:
            log.close()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_checks(a: str, b: str, mail_folder: Path) -> list[Check]:
    checks = []
    person = Browser()
    status, location, _ = person.post_form(a, "/connexion", {"email": EMAIL, "password": PASSWORD})
    home_on_b, where, _ = person.request(b, "/")
    checks.append(Check("connexion sur A valable sur B", status == 303 and home_on_b == 200,
                        f"A : {status} → {location or '-'} ; B : {home_on_b} {where}"))

    stranger, refusals = Browser(), []
    for attempt in range(8):
        base = (a, b)[attempt % 2]
        code, _, page = stranger.post_form(base, "/connexion",
                                           {"email": EMAIL, "password": "mauvais mot de passe"})
        refusals.append("limite" if "Trop de tentatives" in page else str(code))
    checks.append(Check("7 refus comptés ensemble sur A et B, le 8e bloqué",
                        refusals[:7] == ["401"] * 7 and refusals[7] == "limite",
                        " ".join(refusals)))

    _, _, page = person.request(a, "/")
    token = TOKEN.search(page) or re.search(r'"X-CSRFToken": "([^"]+)"', page)
    logout, _, _ = person.request(a, "/deconnexion", {"csrf_token": token.group(1) if token else ""})
    after, where, _ = person.request(b, "/")
    checks.append(Check("déconnexion sur A vaut pour B", after in (302, 303) and "connexion" in where,
                        f"A : {logout} ; B ensuite : {after} → {where or '-'}"))

    asked, _, _ = Browser().post_form(a, "/mot-de-passe-oublie", {"email": EMAIL})
    deadline, sent = time.monotonic() + 40, []
    while time.monotonic() < deadline:
        sent = list(mail_folder.glob("*.eml"))
        if sent:
            time.sleep(3)  # a second copy, if any, would arrive now
            sent = list(mail_folder.glob("*.eml"))
            break
        time.sleep(0.5)
    checks.append(Check("e-mail demandé sur A, envoyé une fois par l'un des deux travailleurs",
                        asked == 303 and len(sent) == 1, f"{len(sent)} e-mail(s)"))
    return checks


def check_two_instances(database_url: str, redis_url: str) -> list[Check]:
    schema = f"two_instances_{secrets.token_hex(4)}"
    url = _postgres_url(database_url, schema)
    mail_folder = Path(tempfile.mkdtemp(prefix="two-instances-mail-"))
    environment = {
        **os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32),
        "RATELIMIT_STORAGE_URI": redis_url, "PASSERELLE_QUEUE_URL": redis_url,
        "PASSERELLE_MAIL_DIRECTORY": str(mail_folder), "PASSERELLE_RATELIMIT_KEY_PREFIX": schema,
    }
    _schema(url, schema, create=True)
    (mail_folder.parent / f"{schema}-logs").mkdir()
    try:
        prepare_database(environment)
        ports = [free_port(), free_port()]
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        flask = str(Path(sys.executable).with_name("flask"))
        # the production configuration (preloaded app, forked workers), two workers each
        servers = [[gunicorn, "--config", str(REPOSITORY / "deploy" / "gunicorn.conf.py"),
                    "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"] for port in ports]
        workers = [[flask, "--app", "wsgi", "worker", "--workers", "1"]] * 2
        with running(servers + workers, environment, mail_folder.parent / f"{schema}-logs"):
            bases = [f"http://127.0.0.1:{port}" for port in ports]
            for base in bases:
                wait_until_up(base)
            return run_checks(*bases, mail_folder)
    finally:
        _schema(url, schema, create=False)
        for message in mail_folder.glob("*"):
            message.unlink()
        mail_folder.rmdir()
        shutil.rmtree(mail_folder.parent / f"{schema}-logs", ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get(
        "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    arguments = parser.parse_args()
    checks = check_two_instances(arguments.database_url, arguments.redis_url)
    for check in checks:
        print(f"{'OK ' if check.ok else 'ÉCHEC'}  {check.name} ({check.detail})")
    return 0 if all(check.ok for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
