"""State machines, one shape: a table of allowed moves, who may make each, and one `advance()`.

Every record that goes through steps (an offer, a hiring need, a proposal to the cellule, a
promotion card, an immersion, a prospection target) declares, in its own folder, a `Workflow`:
its moves (from which states, to which state, with which button label), who may make each move
(a permission action of `core/permissions.py`, or a predicate on the actor and the record), and
the function that writes the dated, signed row of its own history table. `advance()` is then the
only way a person moves such a record: it checks the move exists, is allowed from the current
state and for this actor, writes the history row, and changes the state. The refusals are each
machine's own French messages. Les-emplois' `JobApplicationWorkflow` is the model.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can

# Who may make a move: (actor, record) -> bool. The actor is None for the platform itself.
Who = Callable[[Any, Any], bool]
# Writes the history row: (record, move, from_state, actor, at, note, details) -> the row.
HistoryWriter = Callable[..., Any]
Refusal = Callable[..., Exception]


def permission(action: str) -> Who:
    """Anyone the permission table lets do `action` on the record."""
    return lambda actor, record: actor is not None and can(actor, action, record)


def system(actor: Any, record: Any) -> bool:
    """The platform alone (a batch run), never a person."""
    return actor is None


def anyone(actor: Any, record: Any) -> bool:
    """No check of its own: the caller already checked who may act on the record."""
    return True


@dataclass(frozen=True)
class Move:
    """One allowed move: from any of `sources` to `target`, labelled for its button."""

    key: str
    label: str
    sources: tuple[str, ...]
    target: str
    who: Who = anyone
    needs_note: bool = False

    def allows(self, actor: Any, record: Any) -> bool:
        return self.who(actor, record)


def _unknown(key: str) -> Exception:
    return Invalid("Étape inconnue.")


def _refused(record: Any, move: Move, actor: Any) -> Exception:
    return NotAllowed(f"« {move.label} » n'est pas possible pour vous.")


def _no_note(record: Any, move: Move) -> Exception:
    return Invalid("Indiquez le motif : il reste dans l'historique.", "note")


@dataclass
class Workflow:
    """A record's moves and its history: see the module's docstring."""

    moves: tuple[Move, ...]
    write_history: HistoryWriter
    state: str = "status"
    unknown: Callable[[str], Exception] = _unknown
    wrong_state: Refusal = _refused  # (record, move, actor) -> the error to raise
    wrong_actor: Refusal = _refused  # (record, move, actor) -> the error to raise
    missing_note: Callable[[Any, Move], Exception] = _no_note
    by_key: dict[str, Move] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {move.key: move for move in self.moves}

    def state_of(self, record: Any) -> str:
        return getattr(record, self.state)

    def move(self, key: str) -> Move:
        """The move named `key`; the machine's `unknown` error when there is none."""
        if key not in self.by_key:
            raise self.unknown(key)
        return self.by_key[key]

    def sources_of(self, target: str) -> tuple[str, ...]:
        """The states from which some move leads to `target`."""
        return tuple(dict.fromkeys(s for m in self.moves if m.target == target for s in m.sources))

    def moves_from(self, state: str) -> list[Move]:
        """Every move the table allows from `state`, whoever makes it, in the table's order."""
        return [move for move in self.moves if state in move.sources]

    def leading_to(self, state: str, target: str, actor: Any, record: Any) -> Move | None:
        """The move this actor may make from `state` to `target`, if the table has one."""
        return next((move for move in self.moves_from(state)
                     if move.target == target and move.allows(actor, record)), None)

    def available(self, actor: Any, record: Any, keys: Iterable[str] | None = None) -> list[Move]:
        """The moves this actor may make now on this record, in the table's order."""
        wanted = set(keys) if keys is not None else None
        return [move for move in self.moves_from(self.state_of(record))
                if (wanted is None or move.key in wanted) and move.allows(actor, record)]

    def check(self, record: Any, key: str, actor: Any, note: str = "") -> Move:
        """The move, once checked possible from the record's state, for this actor, with its
        note when it needs one."""
        move = self.move(key)
        if self.state_of(record) not in move.sources:
            raise self.wrong_state(record, move, actor)
        if not move.allows(actor, record):
            raise self.wrong_actor(record, move, actor)
        if move.needs_note and not note.strip():
            raise self.missing_note(record, move)
        return move

    def advance(self, record: Any, key: str, actor: Any, at: datetime, note: str = "",
                checked: bool = False, **details: Any) -> Any:
        """Make the move: checked (unless the caller just did), history row written, state
        changed. Returns the history row; the caller flushes."""
        move = self.move(key) if checked else self.check(record, key, actor, note)
        from_state = self.state_of(record)
        row = self.write_history(record, move, from_state, actor, at, note.strip(), details)
        setattr(record, self.state, move.target)
        return row
