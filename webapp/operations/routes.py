"""The health endpoint: 200 when every check passes, 503 otherwise."""

from pathlib import Path

from flask import Blueprint, current_app, jsonify

from webapp.core.ratelimit import limiter
from webapp.operations.health import health

blueprint = Blueprint("operations", __name__)


@blueprint.get("/sante")
@limiter.exempt
def health_page():
    instance = Path(current_app.instance_path)
    checks = health(str(instance if instance.exists() else instance.parent),
                    current_app.config["HEALTH_MIN_FREE_MB"])
    healthy = all(check.ok for check in checks)
    answer = jsonify(
        statut="ok" if healthy else "en panne",
        verifications={check.name: {"ok": check.ok, "detail": check.detail} for check in checks},
    )
    answer.status_code = 200 if healthy else 503
    return answer
