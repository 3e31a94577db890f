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
    # The job (ROME fiche), with the official title or everyday name that matched beside it.
    return [
        JobSuggestion(code=s.code, term=s.label,
                      detail=s.term if s.term and s.term.casefold() != s.label.casefold() else s.code,
                      score=s.score)
        for s in job_suggester().suggest(query, limit=limit)
    ]


def rome_exists(code: str) -> bool:
    return bool(code) and db.session.get(RomeCode, code) is not None


def rome_label(code: str | None) -> str:
    rome = db.session.get(RomeCode, code) if code else None
    return f"{rome.label} ({rome.code})" if rome else ""
