"""Matching settings per territory and the shortlists the batch stores."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.core import clock
from webapp.core.models import TimestampMixin
from webapp.extensions import db


class MatchingWeights(TimestampMixin, db.Model):
    """The weights of a territory (pole_id) or of the whole département (pole_id NULL)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), unique=True)
    job: Mapped[float] = mapped_column(Float)
    reach: Mapped[float] = mapped_column(Float)
    hours: Mapped[float] = mapped_column(Float)
    availability: Mapped[float] = mapped_column(Float)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Shortlist(db.Model):
    """The ranked profiles of one offer at one moment, with what produced them."""

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
    engine_version: Mapped[str] = mapped_column(String(40))
    weights: Mapped[dict[str, float]] = mapped_column(JSON)
    candidates: Mapped[int] = mapped_column(Integer, default=0)
    excluded: Mapped[int] = mapped_column(Integer, default=0)
    exclusion_summary: Mapped[str] = mapped_column(String(300), default="")

    entries: Mapped[list["ShortlistEntry"]] = relationship(
        back_populates="shortlist", cascade="all, delete-orphan", order_by="ShortlistEntry.rank"
    )


class ShortlistEntry(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    shortlist_id: Mapped[int] = mapped_column(
        ForeignKey("shortlist.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    components: Mapped[dict[str, float]] = mapped_column(JSON)
    travel_minutes: Mapped[int] = mapped_column(Integer)
    travel_mode: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[str]] = mapped_column(JSON)

    shortlist: Mapped[Shortlist] = relationship(back_populates="entries")


class CaseloadObstacles(db.Model):
    """The obstacles of one user's caseload, computed by the task queue (one row per user):
    the latest result with the key it was computed for, and the key last asked for. Counts and
    categories only, never a person."""

    __tablename__ = "caseload_obstacles"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64))  # what the result was computed from
    obstacles: Mapped[list[dict] | None] = mapped_column(JSON)
    computed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    asked_key: Mapped[str | None] = mapped_column(String(64))  # what the queue was asked for
    asked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
