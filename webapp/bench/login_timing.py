"""How long the login takes to refuse a wrong password and an unknown account: the two must
not be told apart by their timing (production Argon2id costs, throttling off).

    python -m webapp.bench.login_timing [--repeat 30]

Prints one JSON object with the median and 95th percentile of each answer, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(client, email: str, password: str, repeat: int) -> list[float]:
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.post("/connexion", data={"email": email, "password": password})
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 401, response.status_code
    return durations


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)

    from webapp import create_app
    from webapp.accounts.models import User
    from webapp.config import Config
    from webapp.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        config = type("BenchConfig", (Config,), {
            "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
        })
        app = create_app(config)
        with app.app_context():
            db.create_all()
            user = User(email="titulaire@exemple.fr", display_name="Titulaire", active=True)
            user.set_password("trois-mots-sans-rapport")
            db.session.add(user)
            db.session.commit()
        client = app.test_client()
        _time(client, "titulaire@exemple.fr", "echauffement-123", 3)  # warm-up
        wrong, unknown = [], []
        for _ in range(args.repeat):  # interleaved: a busy machine slows both alike
            wrong += _time(client, "titulaire@exemple.fr", "mauvais-mot-de-passe", 1)
            unknown += _time(client, "inconnu@exemple.fr", "mauvais-mot-de-passe", 1)
    figures = {
        name: {"median_ms": round(statistics.median(values), 1),
               "p95_ms": round(_percentile(values, 0.95), 1)}
        for name, values in (("wrong_password", wrong), ("unknown_account", unknown))
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
