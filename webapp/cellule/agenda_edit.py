"""The animateur's hand on the agenda: move an entry up or down in its section, annotate it,
add an entry of their own (a point the platform cannot know about)."""

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.accounts.models import User
from webapp.cellule.agenda import build_agenda
from webapp.cellule.cellules import check_session_editable
from webapp.cellule.models import AgendaItem, CelluleSession
from webapp.core.concurrency import flush_or_conflict
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.core.permissions import can
from webapp.extensions import db

MAX_NOTE, MAX_TITLE = 1000, 300
MOVES = {"up": -1, "down": 1}
CHANGED = "L'ordre du jour vient d'être modifié par quelqu'un d'autre : rechargez la page."


def _check(actor: User, session: CelluleSession) -> None:
    if not can(actor, "cellule.run", session.cellule):
        raise NotAllowed("Seul l'animateur (ou la direction) arrange l'ordre du jour.")
    check_session_editable(session)


def _item(session: CelluleSession, key: str, section: str) -> AgendaItem:
    """The row holding the animateur's touch on an entry, created on first use."""
    item = db.session.scalar(
        select(AgendaItem).where(AgendaItem.session_id == session.id, AgendaItem.key == key)
    )
    if item is not None:
        return item
    item = AgendaItem(session_id=session.id, key=key, section=section)
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except IntegrityError:
        raise Conflict(CHANGED) from None
    return item


def move_entry(actor: User, session: CelluleSession, key: str, direction: str) -> None:
    """Swap an entry with its neighbour; the whole section's order is written down."""
    _check(actor, session)
    agenda = build_agenda(session, actor)
    section = agenda.section_of(key)
    if section is None or direction not in MOVES:
        raise Invalid("Ce point n'est plus à l'ordre du jour : rechargez la page.")
    keys = [entry.key for entry in section.entries]
    index = keys.index(key)
    other = index + MOVES[direction]
    if not 0 <= other < len(keys):
        return
    keys[index], keys[other] = keys[other], keys[index]
    for position, entry_key in enumerate(keys):
        item = _item(session, entry_key, section.key)
        if item.position != position:
            item.position, item.updated_by_id = position, actor.id
    flush_or_conflict(message=CHANGED)


def annotate_entry(
    actor: User, session: CelluleSession, key: str, note: str, version: int | None
) -> AgendaItem:
    """Write the animateur's note on an entry; Conflict when someone changed it meanwhile."""
    _check(actor, session)
    if len(note) > MAX_NOTE:
        raise Invalid(f"Note : {MAX_NOTE} caractères au plus.", "note")
    section = build_agenda(session, actor).section_of(key)
    if section is None:
        raise Invalid("Ce point n'est plus à l'ordre du jour : rechargez la page.")
    item = _item(session, key, section.key)
    # no version: the reader saw no note, so any note written since is someone else's
    changed = item.version != version if version is not None else bool(item.note)
    if changed:
        raise Conflict(
            f"Note modifiée entre-temps ; elle dit maintenant : « {item.note} ». "
            "Rien n'a été enregistré : reprenez votre note à partir de celle-ci."
        )
    item.note, item.updated_by_id = note.strip(), actor.id
    flush_or_conflict(item, CHANGED)
    return item


def add_free_entry(actor: User, session: CelluleSession, section: str, title: str) -> AgendaItem:
    """A point of the animateur's own, at the end of a section."""
    _check(actor, session)
    if not title.strip():
        raise Invalid("Point : écrivez l'intitulé du point à ajouter.", "title")
    if len(title) > MAX_TITLE:
        raise Invalid(f"Point : {MAX_TITLE} caractères au plus.", "title")
    if section not in {s.key for s in build_agenda(session, actor).sections}:
        raise Invalid("Section : choisissez une section de l'ordre du jour.", "section")
    item = AgendaItem(
        session_id=session.id,
        key=f"free:{secrets.token_hex(6)}",
        section=section,
        title=title.strip(),
        updated_by_id=actor.id,
    )
    db.session.add(item)
    db.session.flush()
    return item
