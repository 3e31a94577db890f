"""Links to many records of a few kinds on one page: the router builds each kind of URL once per
request, the records' ids are put into it."""

from flask import g, url_for

STAND_IN = 7_350_000_000_000  # far above any id: stands for one while a URL is built


def record_url(endpoint: str, **values) -> str:
    """`url_for(endpoint, **values)`, built by the router once per request for the endpoint,
    its argument names and its non-integer values; the integer values (ids) are then put in.
    A page listing a hundred records builds a hundred URLs of a few kinds, and the router
    costs more than the rest of a link."""
    ids = {name: value for name, value in values.items() if type(value) is int}
    if not ids:
        return url_for(endpoint, **values)
    others = tuple(sorted(((name, value) for name, value in values.items() if name not in ids),
                          key=lambda item: item[0]))
    patterns = g.setdefault("record_url_patterns", {})
    key = (endpoint, tuple(sorted(ids)), others)
    pattern = patterns.get(key)
    if pattern is None:
        stand_ins = {name: str(STAND_IN + rank) for rank, name in enumerate(sorted(ids))}
        pattern = patterns[key] = (url_for(endpoint, **{
            **values, **{name: int(stand_in) for name, stand_in in stand_ins.items()}}), stand_ins)
    url, stand_ins = pattern
    for name, stand_in in stand_ins.items():
        url = url.replace(stand_in, str(ids[name]))
    return url
