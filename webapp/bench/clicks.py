"""Clicks from home to each role's main task, on the demo territory.

    python -m webapp.bench.clicks

Builds the demo in a temporary SQLite file, logs each demo account in, and walks the links of
the pages breadth-first from the home page (every plain link a person could click: menu, cards,
lists; downloads and logout left out; at most five pages of the same shape) until it reaches
the page where the role's main task is done. Prints the fewest clicks per task.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter, deque
from pathlib import Path

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"', re.IGNORECASE)
SKIPPED = re.compile(r"\.(csv|xlsx|pdf|ics|json)(\?|$)|/deconnexion|/static/|^https?:|^mailto:")
MAX_CLICKS = 5
SAME_SHAPE = 5  # pages of one shape (a profile, a card…) visited at most this many times

# role -> (task, the page where it is done, recognised by its address or its content)
TASKS = {
    "cre": ("prendre un besoin d'employeur", re.compile(r'action="/besoins/\d+/prendre"')),
    "ae": ("proposer une personne à la cellule emploi", re.compile(r"^/cellule/proposer/\d+$")),
    "animateur": ("ouvrir l'écran de la prochaine séance", re.compile(r"^/cellule/seances/\d+$")),
    "direction": ("lire le tableau de bord", re.compile(r"^/tableau-de-bord/$")),
    "employer": ("ouvrir une carte de candidat reçue", re.compile(r"^/espace-employeur/profils/\d+$")),
    "admin": ("gérer les comptes", re.compile(r"^/admin/utilisateurs$")),
}


def shape(address: str) -> str:
    return re.sub(r"\d+", "N", address.split("?", 1)[0])


def clicks_to(client, target: re.Pattern) -> int | None:
    """The fewest clicks from the home page to a page matching `target` (address or HTML)."""
    seen, visits, queue = {"/"}, Counter(), deque([("/", 0)])
    while queue:
        address, depth = queue.popleft()
        answer = client.get(address)
        if answer.status_code != 200 or "text/html" not in answer.content_type:
            continue
        page = answer.get_data(as_text=True)
        if target.search(address) or target.search(page):
            return depth
        if depth == MAX_CLICKS:
            continue
        for link in LINK.findall(page):
            link = link.replace("&amp;", "&")
            if not link.startswith("/") or SKIPPED.search(link) or link in seen \
                    or visits[shape(link)] >= SAME_SHAPE:
                continue
            seen.add(link)
            visits[shape(link)] += 1
            queue.append((link, depth + 1))
    return None


def main() -> int:
    from webapp import create_app
    from webapp.config import Config
    from webapp.demo import DEMO_PASSWORD, demo_accounts, load_demo
    from webapp.extensions import db
    from webapp.reference.loader import load_reference_data

    folder = Path(tempfile.mkdtemp(prefix="bench-clicks-"))
    config = type("ClicksConfig", (Config,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'clicks.sqlite'}",
        "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "QUEUE_IMMEDIATE": True,
        "SECRET_KEY": "clicks-bench"})
    app = create_app(config)
    with app.app_context():
        db.create_all()
        load_reference_data()
        load_demo(seed=2026)
        db.session.commit()
    accounts = {email.split("@")[0]: email for _, email in demo_accounts()}
    for role, (task, target) in TASKS.items():
        email = accounts[{"employer": "employeur"}.get(role, role)]
        client = app.test_client()
        client.post("/connexion", data={"email": email, "password": DEMO_PASSWORD})
        found = clicks_to(client, target)
        shown = f"{found} clic(s)" if found is not None else f"non atteint en {MAX_CLICKS} clics"
        print(f"{role:<10} {task:<45} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
