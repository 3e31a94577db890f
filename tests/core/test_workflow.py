"""One shape for every state machine (core.workflow): the table of moves, who may make each,
and advance() writing the dated, signed history row; every feature's machine uses it."""

import ast
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from webapp.cellule.models import PROPOSAL_STATUSES
from webapp.cellule.proposals import WORKFLOW as PROPOSALS
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.workflow import Move, Workflow, system
from webapp.immersions.lifecycle import WORKFLOW as IMMERSIONS
from webapp.immersions.models import IMMERSION_STATUSES
from webapp.needs.lifecycle import WORKFLOW as NEEDS
from webapp.needs.models import NEED_STATUSES
from webapp.offers.editing import WORKFLOW as OFFERS
from webapp.offers.models import OFFER_STATUSES
from webapp.promotions.lifecycle import WORKFLOW as PROMOTIONS
from webapp.promotions.models import STEP_KINDS
from webapp.prospection.models import TARGET_STAGES
from webapp.prospection.moves import WORKFLOW as TARGETS

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
WEBAPP = Path(__file__).resolve().parents[2] / "webapp"


@dataclass
class Door:
    status: str = "closed"
    history: list[tuple] = field(default_factory=list)


def _keeper(actor, door):
    return actor == "keeper"


DOOR = Workflow(
    (Move("open", "Ouvrir", ("closed",), "open", _keeper),
     Move("close", "Fermer", ("open",), "closed", _keeper, needs_note=True),
     Move("lock", "Verrouiller", ("closed",), "locked", system)),
    lambda door, move, from_state, actor, at, note, details: door.history.append(
        (from_state, move.target, actor, at, note, details)) or door.history[-1],
)


def test_advance_checks_the_move_writes_the_signed_row_and_changes_the_state():
    door = Door()
    row = DOOR.advance(door, "open", "keeper", AT, " à l'heure ", why="visite")
    assert door.status == "open"
    assert row == door.history[-1] == ("closed", "open", "keeper", AT, "à l'heure", {"why": "visite"})


def test_advance_refuses_a_move_from_the_wrong_state_by_the_wrong_actor_or_without_its_note():
    door = Door()
    with pytest.raises(Invalid, match="Étape inconnue"):
        DOOR.advance(door, "fly", "keeper", AT)
    with pytest.raises(NotAllowed):
        DOOR.advance(door, "close", "keeper", AT, "motif")
    with pytest.raises(NotAllowed):
        DOOR.advance(door, "open", "visitor", AT)
    with pytest.raises(NotAllowed):
        DOOR.advance(door, "lock", "keeper", AT)
    DOOR.advance(door, "open", "keeper", AT)
    with pytest.raises(Invalid, match="motif"):
        DOOR.advance(door, "close", "keeper", AT, "  ")
    assert (door.status, len(door.history)) == ("open", 1)
    DOOR.advance(door, "close", "keeper", AT, "fin de visite")
    DOOR.advance(door, "lock", None, AT)
    assert door.status == "locked" and [row[1] for row in door.history] == ["open", "closed", "locked"]


def test_the_table_answers_what_the_screens_ask():
    door = Door()
    assert [m.key for m in DOOR.available("keeper", door)] == ["open"]
    assert DOOR.available("visitor", door) == []
    assert DOOR.leading_to("closed", "locked", None, door).key == "lock"
    assert DOOR.leading_to("closed", "locked", "keeper", door) is None
    assert DOOR.sources_of("closed") == ("open",)


MACHINES = {
    "offers": (OFFERS, OFFER_STATUSES),
    "needs": (NEEDS, NEED_STATUSES),
    "proposals": (PROPOSALS, PROPOSAL_STATUSES),
    "promotions": (PROMOTIONS, STEP_KINDS),
    "immersions": (IMMERSIONS, IMMERSION_STATUSES),
    "prospection": (TARGETS, TARGET_STAGES),
}


@pytest.mark.parametrize("name", MACHINES)
def test_every_machine_has_the_one_shape_and_moves_between_its_own_states(name):
    workflow, states = MACHINES[name]
    assert isinstance(workflow, Workflow)
    assert len(workflow.by_key) == len(workflow.moves)
    for move in workflow.moves:
        assert move.target in states and move.sources and set(move.sources) <= set(states), move
        assert move.label.strip(), move


def _definitions(name: str) -> list[str]:
    found = []
    for path in WEBAPP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.FunctionDef) and node.name == name
            assigned = isinstance(node, ast.Assign | ast.AnnAssign) and name in {
                getattr(t, "id", None) for t in getattr(node, "targets", [getattr(node, "target", None)])}
            if named or assigned:
                found.append(str(path.relative_to(WEBAPP)))
    return found


def test_a_hire_has_one_function_and_one_list_of_contracts():
    assert _definitions("record_hire") == ["promotions/hiring.py"]
    assert _definitions("HIRE_CONTRACTS") == ["offers/models.py"]
