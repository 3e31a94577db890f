"""The minutes (compte rendu) of a session: one record for the printable page, the PDF and the
CSV of actions."""

from dataclasses import dataclass
from datetime import datetime

from webapp.accounts.models import User
from webapp.cellule.agenda import Agenda, build_agenda
from webapp.cellule.models import CelluleSession, SessionLine
from webapp.cellule.pdf import Document
from webapp.cellule.session import session_lines
from webapp.core.clock import PARIS, aware
from webapp.core.formatting import date_fr, datetime_fr
from webapp.core.tabular_export import Sheet, csv_text
from webapp.profiles.labels import person_label, shows_person

CSV_HEADER = (
    "Séance",
    "Personne concernée",
    "Action",
    "Responsable",
    "Échéance",
    "Statut",
    "Écrite par",
    "Écrite le",
)


@dataclass(frozen=True)
class MinutesLine:
    kind: str
    kind_label: str
    text: str
    owner: str
    due: str
    state: str  # "À faire", "Faite le 12/12/2026", "Barrée"
    author: str
    written: str
    struck: bool


@dataclass(frozen=True)
class MinutesPerson:
    proposal_id: int
    label: str
    summary: tuple[str, ...]
    assigned_to: str
    lines: tuple[MinutesLine, ...]


@dataclass(frozen=True)
class Minutes:
    session_id: int
    title: str
    cellule: str
    when: str
    place: str
    status_label: str
    summary: str
    members: tuple[str, ...]
    agenda: Agenda
    people: tuple[MinutesPerson, ...]
    general: tuple[MinutesLine, ...]
    actions: tuple[MinutesLine, ...]
    closed: str


def line_state(line: SessionLine) -> str:
    if line.struck_at is not None:
        return "Barrée"
    if line.kind != "action":
        return ""
    return f"Faite le {date_fr(aware(line.done_at))}" if line.done_at else "À faire"


def minutes_line(line: SessionLine) -> MinutesLine:
    return MinutesLine(
        kind=line.kind,
        kind_label=line.kind_label,
        text=line.text,
        owner=line.owner.display_name if line.owner else "",
        due=date_fr(line.due_on),
        state=line_state(line),
        author=line.author.display_name if line.author else "",
        written=datetime_fr(line.written_at),
        struck=line.struck_at is not None,
    )


def minutes_of(session: CelluleSession, viewer: User) -> Minutes:
    """Everything the minutes say, in reading order."""
    agenda = build_agenda(session, viewer)
    lines = session_lines(session)
    by_proposal: dict[int, list[SessionLine]] = {}
    for line in lines:
        if line.proposal_id is not None:
            by_proposal.setdefault(line.proposal_id, []).append(line)
    proposals = next((s for s in agenda.sections if s.key == "proposals"), None)
    people = tuple(
        MinutesPerson(
            entry.proposal_id,
            entry.title,
            entry.lines,
            next((text for text in entry.lines if text.startswith("Confié(e) à")), ""),
            tuple(minutes_line(line) for line in by_proposal.get(entry.proposal_id, [])),
        )
        for entry in (proposals.entries if proposals else ())
        if entry.proposal_id
    )
    members = tuple(
        f"{m.user.display_name} ({m.role_label}, "
        f"{next((x.organisation.name for x in m.user.memberships if x.role == m.role), '')})"
        for m in sorted(session.cellule.members, key=lambda m: (m.role, m.user.display_name))
    )
    closed = (
        (
            f"Compte rendu clos le {datetime_fr(aware(session.closed_at))} par "
            f"{session.closed_by.display_name if session.closed_by else '—'}"
        )
        if session.closed_at
        else ""
    )
    return Minutes(
        session_id=session.id,
        title=f"Compte rendu · {session.cellule.name} · {date_fr(session.starts_at)}",
        cellule=session.cellule.name,
        when=datetime_fr(session.starts_at),
        place=session.place,
        status_label=session.status_label,
        summary=session.summary,
        members=members,
        agenda=agenda,
        people=people,
        general=tuple(minutes_line(line) for line in lines if line.proposal_id is None),
        actions=tuple(minutes_line(line) for line in lines if line.kind == "action"),
        closed=closed,
    )


def actions_sheet(session: CelluleSession, viewer: User) -> Sheet:
    """The session's actions, typed, for the CSV and the workbook."""
    rows = []
    for line in session_lines(session):
        if line.kind != "action":
            continue
        person = person_label(line.proposal.profile, viewer) if line.proposal else ""
        row = minutes_line(line)
        rows.append([aware(session.starts_at).astimezone(PARIS).date(), person, row.text, row.owner,
                     line.due_on, row.state, row.author, line.written_at])
    return Sheet("Actions", CSV_HEADER, rows)


def actions_csv(session: CelluleSession, viewer: User) -> str:
    """The session's actions as CSV: `;`-separated, UTF-8 with BOM (opens in a spreadsheet)."""
    return csv_text(actions_sheet(session, viewer))


def action_profile_ids(session: CelluleSession, viewer: User) -> list[int]:
    """The people named in the actions CSV (for the access log)."""
    return sorted(
        {
            line.proposal.profile_id
            for line in session_lines(session)
            if line.kind == "action"
            and line.proposal
            and shows_person(line.proposal.profile, viewer)
        }
    )


def _pdf_lines(document: Document, lines: tuple[MinutesLine, ...]) -> None:
    for line in lines:
        extra = f" - {line.owner}" if line.owner else ""
        extra += f", pour le {line.due}" if line.due else ""
        extra += f" ({line.state})" if line.state else ""
        document.bullets([f"{line.kind_label} : {line.text}{extra}"])


def minutes_pdf(minutes: Minutes, now: datetime) -> bytes:
    """The minutes as a PDF."""
    document = Document(minutes.title, f"{minutes.cellule} - édité le {datetime_fr(now)}")
    document.heading(minutes.title)
    document.fact("Date", minutes.when)
    document.fact("Lieu", minutes.place or "non précisé")
    document.fact("Statut", minutes.status_label)
    if minutes.summary:
        document.paragraph(minutes.summary)
    document.subheading("Membres de la cellule")
    document.bullets(minutes.members)
    for section in minutes.agenda.sections:
        document.subheading(section.title)
        if not section.entries:
            document.paragraph(section.empty_text)
        for entry in section.entries:
            document.paragraph(entry.title, bold=True)
            document.bullets([*entry.lines, *([f"Note : {entry.note}"] if entry.note else [])])
            person = next((p for p in minutes.people if p.proposal_id == entry.proposal_id), None)
            if person is not None:
                _pdf_lines(document, person.lines)
    document.subheading("Décisions et actions de la séance")
    _pdf_lines(document, minutes.general)
    if minutes.actions:
        document.subheading("Récapitulatif des actions")
        document.simple_table(
            ("Action", "Responsable", "Échéance", "Statut"),
            [(a.text, a.owner, a.due, a.state) for a in minutes.actions],
            (85, 40, 22, 27),
        )
    if minutes.closed:
        document.paragraph(minutes.closed, size=9)
    return document.to_bytes()
