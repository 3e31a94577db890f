"""The SQL statements one GET of a page issues (the tests' own savepoints left out)."""

from sqlalchemy import event


def statements_of_get(database, client, url: str) -> int:
    """Count the statements of one GET of `url`, which must answer 200."""
    counted = []
    engine = database.session.get_bind()

    def count(_connection, _cursor, statement, *_):
        if "SAVEPOINT" not in statement:  # SAVEPOINT / RELEASE SAVEPOINT: the tests' transactions
            counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        answer = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200
    return len(counted)
