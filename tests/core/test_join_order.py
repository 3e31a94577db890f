"""Statements planned in their joins' written order inside `joins_as_written()`, and only there."""

from sqlalchemy import text

from webapp.core.join_order import joins_as_written


def _setting(db) -> str:
    return db.session.execute(text("SHOW join_collapse_limit")).scalar_one()


def test_inside_the_block_postgresql_keeps_the_written_join_order_and_after_it_its_own(database):
    db = database
    if db.session.get_bind().dialect.name != "postgresql":
        with joins_as_written():  # SQLite: nothing sent, statements run as usual
            assert db.session.execute(text("SELECT 1")).scalar_one() == 1
        return
    before = _setting(db)
    with joins_as_written():
        assert _setting(db) == "1"
    assert _setting(db) == before != "1"


def test_the_order_is_given_back_when_the_block_fails(database):
    db = database
    if db.session.get_bind().dialect.name != "postgresql":
        return
    before = _setting(db)
    try:
        with joins_as_written():
            raise LookupError
    except LookupError:
        pass
    assert _setting(db) == before
