"""Finding a ROME job from the words people use, for the job autocomplete."""

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

from webapp.extensions import db
from webapp.models import JobTerm, RomeCode


@dataclass(frozen=True)
class JobSuggestion:
    code: str
    term: str
    detail: str
    score: float


@lru_cache(maxsize=4)
def _suggester(database_url: str, term_count: int):
    """One suggester per database and reference version, built on first use."""
    from matching.suggest import RomeSuggester

    labels = {code: label for code, label in db.session.execute(select(RomeCode.code, RomeCode.label))}
    terms = [(term, code, kind) for term, code, kind in db.session.execute(
        select(JobTerm.term, JobTerm.rome_code, JobTerm.kind)
    )]
    return RomeSuggester.from_terms(terms, labels)


def job_suggester():
    """The shared suggester for the current database."""
    term_count = db.session.scalar(select(db.func.count(JobTerm.id))) or 0
    return _suggester(str(db.engine.url), term_count)


def suggest_jobs(query: str, limit: int = 8) -> list[JobSuggestion]:
    """ROME codes for a free-text job name, best first."""
    if len(query.strip()) < 2:
        return []
    return [
        JobSuggestion(code=s.code, term=s.term, detail=s.label, score=s.score)
        for s in job_suggester().suggest(query, limit=limit)
    ]


def rome_exists(code: str) -> bool:
    return bool(code) and db.session.get(RomeCode, code) is not None


def rome_label(code: str | None) -> str:
    rome = db.session.get(RomeCode, code) if code else None
    return f"{rome.label} ({rome.code})" if rome else ""
