"""A section lists its first rows and says how many it selects in all, from one statement."""

from sqlalchemy import event, select
from sqlalchemy.orm import lazyload

from tests.cellule.cellule_world import build_world
from webapp.accounts.models import User
from webapp.cellule.agenda_rows import listed_and_total


def test_a_listing_gives_its_first_rows_and_the_total_of_its_whole_selection(database):
    build_world()
    database.session.commit()
    everyone = database.session.scalars(select(User).order_by(User.id)).all()
    statements = []

    def count(*_):
        statements.append(1)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        listed, total = listed_and_total(
            select(User).order_by(User.id).options(lazyload(User.memberships)), 2)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert listed == everyone[:2]
    assert total == len(everyone) > 2
    assert len(statements) == 1


def test_an_empty_listing_counts_nothing(database):
    assert listed_and_total(select(User).where(User.id < 0), 5) == ([], 0)
