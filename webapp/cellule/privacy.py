"""The cellule's part of a person's data: in their access-request export, and deleted with them
by the retention purge (proposals, promotions and their steps, minutes lines about them, event
invitations, the animateur's notes on their agenda entries)."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from webapp.cellule.models import AgendaItem, ProfileProposal, SessionLine
from webapp.core import clock
from webapp.events.models import EventInvitation
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion, PromotionStep


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return clock.aware(moment).isoformat()


def _name(user) -> str | None:
    return user.display_name if user else None


def _proposals(profile: Profile) -> list[ProfileProposal]:
    return list(
        db.session.scalars(
            select(ProfileProposal)
            .where(ProfileProposal.profile_id == profile.id)
            .order_by(ProfileProposal.id)
        )
    )


def proposals_section(profile: Profile) -> list[dict[str, Any]]:
    return [
        {
            "cellule": p.cellule.name,
            "seance_du": _iso(p.session.scheduled_at),
            "proposee_par": _name(p.ae),
            "le": _iso(p.created_at),
            "ce_que_la_personne_recherche": p.wishes,
            "ce_que_l_accompagnateur_garantit": p.vouching,
            "statut": p.status_label,
            "confiee_a": _name(p.assigned_cre),
            "lignes_du_compte_rendu": [
                {
                    "type": line.kind_label,
                    "texte": line.text,
                    "responsable": _name(line.owner),
                    "echeance": line.due_on.isoformat() if line.due_on else None,
                }
                for line in db.session.scalars(
                    select(SessionLine).where(SessionLine.proposal_id == p.id)
                )
            ],
        }
        for p in _proposals(profile)
    ]


def promotions_section(profile: Profile) -> list[dict[str, Any]]:
    promotions = db.session.scalars(
        select(Promotion).where(Promotion.profile_id == profile.id).order_by(Promotion.id)
    )
    return [
        {
            "carte": p.reference,
            "employeur": p.company.name,
            "offre": p.offer.title if p.offer else None,
            "cre": _name(p.cre),
            "statut": p.status_label,
            "carte_envoyee_le": _iso(p.sent_at),
            "carte_telle_qu_envoyee": p.card,
            "etapes": [
                {
                    "le": _iso(s.at),
                    "etape": s.kind_label,
                    "date": s.on.isoformat() if s.on else None,
                    "par": _name(s.by),
                    "via": s.via,
                    "motif": s.reason,
                    "precisions": s.note,
                    "details": s.details,
                }
                for s in p.steps
            ],
        }
        for p in promotions
    ]


def invitations_section(profile: Profile) -> list[dict[str, Any]]:
    invitations = db.session.scalars(
        select(EventInvitation).where(EventInvitation.profile_id == profile.id)
    )
    return [
        {
            "evenement": i.event.title,
            "type": i.event.kind_label,
            "date": i.event.on.isoformat(),
            "invitee_par": _name(i.invited_by),
            "le": _iso(i.at),
        }
        for i in invitations
    ]




def forget_in_cellule(profile: Profile) -> None:
    """Delete what the cellule holds about a purged person."""
    proposal_ids = [p.id for p in _proposals(profile)]
    promotion_ids = list(
        db.session.scalars(select(Promotion.id).where(Promotion.profile_id == profile.id))
    )
    keys = [f"proposal:{i}" for i in proposal_ids] + [f"promotion:{i}" for i in promotion_ids]
    if keys:
        db.session.execute(delete(AgendaItem).where(AgendaItem.key.in_(keys)))
    if proposal_ids:
        db.session.execute(delete(SessionLine).where(SessionLine.proposal_id.in_(proposal_ids)))
    if promotion_ids:
        db.session.execute(
            delete(PromotionStep).where(PromotionStep.promotion_id.in_(promotion_ids))
        )
    for model in (Promotion, ProfileProposal, EventInvitation):
        db.session.execute(delete(model).where(model.profile_id == profile.id))
