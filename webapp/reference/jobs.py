"""Finding a ROME job from the words people use, for the job autocomplete."""

from dataclasses import dataclass

from webapp.extensions import db
from webapp.reference.models import RomeCode
from webapp.reference.referential import engine_referential


@dataclass(frozen=True)
class JobSuggestion:
    code: str
    term: str
    detail: str
    score: float


def job_suggester():
    """The title-to-ROME suggester shared by the autocomplete and the imports."""
    return engine_referential().suggester


def suggest_jobs(query: str, limit: int = 8) -> list[JobSuggestion]:
    """ROME codes for a free-text job name, best first (matching's suggester)."""
    if len(query.strip()) < 2:
        return []
    # The official title or everyday name that matched, and the job (ROME fiche) it belongs to.
    return [
        JobSuggestion(code=s.code, term=s.term or s.label,
                      detail=s.label if s.term and s.term != s.label else s.code, score=s.score)
        for s in job_suggester().suggest(query, limit=limit)
    ]


def rome_exists(code: str) -> bool:
    return bool(code) and db.session.get(RomeCode, code) is not None


def rome_label(code: str | None) -> str:
    rome = db.session.get(RomeCode, code) if code else None
    return f"{rome.label} ({rome.code})" if rome else ""
