"""Merging two records of the same company, keeping everything that pointed at either."""

from sqlalchemy import update

from webapp.accounts.models import User
from webapp.companies.models import COMPANY_LABELS, Company
from webapp.core import clock
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can
from webapp.extensions import db


def repoint_references(table_name: str, old_id: int, new_id: int | None) -> int:
    """Point every foreign key aimed at `table_name`.id = old_id at `new_id`; rows changed.

    Walks the metadata, so tables added later (hiring needs, prospection...) follow too.
    Pending changes are flushed first and the session expired after, so no object is stale."""
    db.session.flush()
    changed = 0
    for table in db.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            target = foreign_key.column
            if target.table.name != table_name or target.name != "id":
                continue
            column = foreign_key.parent
            result = db.session.execute(
                update(table).where(column == old_id).values({column.name: new_id}),
                execution_options={"synchronize_session": False},
            )
            changed += result.rowcount or 0
    db.session.expire_all()
    return changed


def merge_companies(actor: User, kept: Company, absorbed: Company) -> Company:
    """Move everything of `absorbed` (offers, contacts, needs, accounts...) onto `kept`.

    `absorbed` stays, hidden from lists, with `merged_into_id` pointing at `kept`."""
    if not (can(actor, "company.merge", kept) and can(actor, "company.merge", absorbed)):
        raise NotAllowed("Vous ne pouvez pas fusionner ces fiches.")
    if kept.id == absorbed.id:
        raise Invalid("Choisissez deux fiches différentes.", "absorbed_id")
    if kept.merged_into_id is not None or absorbed.merged_into_id is not None:
        raise Invalid("Une de ces fiches a déjà été fusionnée.", "absorbed_id")
    kept_id, absorbed_id = kept.id, absorbed.id
    _fill_gaps(kept, absorbed)
    repoint_references("company", absorbed_id, kept_id)
    absorbed = db.session.get(Company, absorbed_id)
    absorbed.merged_into_id = kept_id
    absorbed.merged_at = clock.now()
    absorbed.merged_by_id = actor.id
    kept = db.session.get(Company, kept_id)
    kept.updated_by_id = actor.id
    db.session.flush()
    return kept


def _fill_gaps(kept: Company, absorbed: Company) -> None:
    """The kept record takes what it lacks from the absorbed one: identifiers, labels, notes."""
    for name in ("siret", "naf_code", "size_band"):
        if not getattr(kept, name) and getattr(absorbed, name):
            setattr(kept, name, getattr(absorbed, name))
    if not kept.address.strip():
        kept.address = absorbed.address
    for label in COMPANY_LABELS:
        setattr(kept, label, getattr(kept, label) or getattr(absorbed, label))
    if absorbed.notes.strip():
        kept.notes = "\n\n".join(n for n in (kept.notes.strip(), absorbed.notes.strip()) if n)
