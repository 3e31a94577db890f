"""The people put forward to a session as its screen shows them: plain rows of the columns the
screen reads (who brings them, what they look for, where they live, who was given them) and
whether the viewer may read their name, in one statement whatever their number."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from webapp.accounts.models import User
from webapp.accounts.organisation_models import Organisation
from webapp.cellule.agenda_rows import with_targets, with_their_targets
from webapp.cellule.assign import Wanted
from webapp.cellule.models import OPEN_PROPOSAL_STATUSES, CelluleSession, ProfileProposal
from webapp.cellule.proposals import on_the_agenda
from webapp.core.clock import aware
from webapp.core.formatting import date_fr
from webapp.core.permissions import visible_clause
from webapp.extensions import db
from webapp.profiles.labels import hidden_label
from webapp.profiles.models import Profile
from webapp.reference.models import Commune

AE = aliased(User, name="ae")
CRE = aliased(User, name="cre")


@dataclass(frozen=True)
class PersonRow:
    """One person put forward, as the screen shows them to one viewer."""

    proposal_id: int
    profile_id: int
    status: str
    version: int
    assigned_cre_id: int | None
    assigned_cre: str | None  # the CRE's name
    title: str  # the person's label, or who follows them when the viewer may not read it
    lines: tuple[str, ...]
    domains: frozenset[str]  # of their target jobs (three-character ROME codes)
    reference: str
    shown: bool  # the viewer reads the person's name (the access log records it)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PROPOSAL_STATUSES

    @property
    def wanted(self) -> Wanted:
        """What the CRE suggestion reads of the person."""
        return Wanted(self.proposal_id, self.domains, self.assigned_cre_id)


def _lines(row, targets: list[tuple[str, str]]) -> tuple[str, ...]:
    """The entry's lines, as the agenda writes them (cellule.agenda_sections.proposal_entry)."""
    lines = [
        (f"Proposé(e) par {row.ae_name or '—'} ({row.organisation_name}) le "
         f"{date_fr(aware(row.created_at))}"),
        f"Métiers visés : {', '.join(label for _, label in targets) or '—'}",
        f"Commune : {Commune.display_name.fget(row)}",  # the row has its name and postal codes
    ]
    if row.wishes:
        lines.append(f"Ce que la personne recherche : {row.wishes}")
    if row.vouching:
        lines.append(f"Ce que l'accompagnateur garantit : {row.vouching}")
    if row.cre_name is not None:
        lines.append(f"Confié(e) à {row.cre_name} pour la promotion")
    return tuple(lines)


# What the screen shows of each person, built once, with their target jobs (a row per target);
# who reads and which session are added.
_PEOPLE = with_targets(
    select(ProfileProposal.id, ProfileProposal.profile_id, ProfileProposal.status,
           ProfileProposal.version, ProfileProposal.assigned_cre_id, ProfileProposal.wishes,
           ProfileProposal.vouching, ProfileProposal.created_at, Profile.label,
           Profile.reference, Organisation.name.label("organisation_name"),
           Commune.name, Commune.postal_codes,
           AE.display_name.label("ae_name"), CRE.display_name.label("cre_name"))
    .join(Profile, Profile.id == ProfileProposal.profile_id)
    .join(Organisation, Organisation.id == Profile.organisation_id)
    .join(Commune, Commune.insee == Profile.commune_insee)
    .outerjoin(AE, AE.id == ProfileProposal.ae_id)
    .outerjoin(CRE, CRE.id == ProfileProposal.assigned_cre_id)
    .order_by(ProfileProposal.created_at, ProfileProposal.id),
    ProfileProposal.profile_id)


def screen_people(viewer: User, session: CelluleSession,
                  proposal_id: int | None = None) -> list[PersonRow]:
    """The people of the session's screen in the order they came: those of its agenda
    (cellule.proposals.on_the_agenda), or the one of this proposal whatever its state."""
    if proposal_id is None:
        conditions = on_the_agenda(session)
    else:
        conditions = (ProfileProposal.id == proposal_id,)
    rows = db.session.execute(
        _PEOPLE.add_columns(visible_clause(viewer, "profile.view", Profile).label("shown"))
        .where(*conditions)
    ).all()
    return [
        PersonRow(
            row.id, row.profile_id, row.status, row.version, row.assigned_cre_id, row.cre_name,
            # the label, else the reference (Profile.display_label)
            (row.label or row.reference) if row.shown else hidden_label(row.organisation_name),
            _lines(row, targets), frozenset(code[:3] for code, _ in targets),
            row.reference, bool(row.shown),
        )
        for row, targets in with_their_targets(rows)
    ]

