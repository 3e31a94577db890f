"""Matches written as JSON in bulk: the bytes orjson writes for their dicts, without the dicts.

`rank` writes every match it keeps (20,000 people x 20 offers: 250,000 matches, 108 MB).
Building a dict per match, then orjson walking them, cost more than ranking. Inside
`json_written()`, build_matches (matching/match_records.py) also writes each match's JSON
members (all but the ranked side's id, `Match.members_json`) from its columns, row by row in
C: each score, component value and reason is encoded once per distinct value, each Travel
once per record. `results_json` then puts each result's matches in the document as one
orjson fragment. The bytes equal orjson's for `Match.to_dict` (tests/matching/
test_match_json.py); a match built outside the block is encoded from its dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

import orjson

from matching.gc_pause import collector_paused
from matching.results import COMPONENT_DECIMALS, Match, OfferResult, ProfileResult, Travel

_WRITING: ContextVar[_Encodings | None] = ContextVar("matches_written_as_json", default=None)


@contextmanager
def json_written() -> Iterator[None]:
    """Inside the block, the matches built in a batch carry their JSON members: for a command
    that writes every match (`rank`); the screens, which show a few, do without. The batches
    of one block (a chunk of people each) share the JSON of every value met."""
    token = _WRITING.set(_Encodings())
    try:
        yield
    finally:
        _WRITING.reset(token)


def writing_json() -> bool:
    """True inside json_written()."""
    return _WRITING.get() is not None


class _Encoded(dict):
    """The JSON of each value met, encoded once: a lookup costs less than orjson.dumps of a
    small value (a 1 KB buffer each), and values recur across thousands of matches."""

    def __init__(self, encode: Callable[[Any], bytes] = orjson.dumps):
        super().__init__()
        self.encode = encode

    def __missing__(self, value: Any) -> bytes:
        encoded = self[value] = self.encode(value)
        return encoded

    def column(self, values: Sequence[Any]) -> list[bytes]:
        """The JSON of each value of a column."""
        return list(map(self.__getitem__, values))


def _rounded(value: float) -> bytes:
    return orjson.dumps(round(value, COMPONENT_DECIMALS))


class _Encodings:
    """The JSON of each value of each member, with the constant text around it: one set for
    every batch written in a json_written() block (ids, scores, components and reasons recur
    from one chunk of people to the next)."""

    def __init__(self) -> None:
        self.score = _Encoded(lambda value: b',"score":' + orjson.dumps(value))
        self.components = [
            _Encoded(lambda value, before=before, after=after:
                     before + _rounded(value) + after)
            for before, after in ((b',"components":{"job":', b""), (b',"reach":', b""),
                                  (b',"hours":', b""), (b',"availability":', b"}"))]
        reason = [(b"", b""), (b",", b""), (b",", b""), (b",", b"]}")]
        self.job, self.trip, self.hours, self.available = (
            _Encoded(lambda value, before=before, after=after:
                     before + orjson.dumps(value) + after) for before, after in reason)
        # a reason only some matches have
        self.experience = _Encoded(lambda value: b"" if value is None
                                   else b"," + orjson.dumps(value))
        self.openings = {side: _Encoded(lambda value, side=side: b'{"%s":%s' % (
            side.encode(), orjson.dumps(value))) for side in ("profile_id", "offer_id")}


def members_json(scores: list[float], components: Sequence[list[float]],
                 travels: list[Travel], reasons: Sequence[list[str | None]]) -> list[bytes]:
    """Per row, the JSON members of Match.to_dict after the ranked side's id, from a comma to
    the closing brace: score, components (job, reach, hours, availability, as floats),
    travel (Travel records, shared by equal rows), reasons (job, experience or None, trip,
    hours, availability). Inside json_written(), each value is encoded once for the block."""
    encodings = _WRITING.get() or _Encodings()
    by_record = {id(t): t for t in travels}  # the records are shared: a few thousand
    trips = {key: b',"travel":' + orjson.dumps(t.to_dict()) + b',"reasons":['
             for key, t in by_record.items()}
    job, experience, trip, hours, available = reasons
    # One b"".join per row (in C) of its pieces, each with the constant text around it.
    return list(map(b"".join, zip(
        encodings.score.column(scores),
        *(encoded.column(column) for encoded, column in zip(encodings.components,
                                                             components)),
        map(trips.__getitem__, map(id, travels)),
        encodings.job.column(job), encodings.experience.column(experience),
        encodings.trip.column(trip), encodings.hours.column(hours),
        encodings.available.column(available))))


def _matches_json(matches: Sequence[Match], counterpart: str,
                  openings: _Encoded) -> orjson.Fragment:
    """The JSON list of `matches` as Match.to_dict(counterpart) would be written: one join
    of each match's opening (its id) and members, with commas between."""
    if not matches:
        return orjson.Fragment(b"[]")
    members = list(map(itemgetter(Match._fields.index("members_json")), matches))
    if None in members:  # built outside json_written()
        members = [_members_json(m) for m in matches]
    ids = map(itemgetter(Match._fields.index(counterpart)), matches)
    pieces = list(chain.from_iterable(zip(repeat(b","), map(openings.__getitem__, ids),
                                          members)))
    pieces[0] = b"["
    pieces.append(b"]")
    return orjson.Fragment(b"".join(pieces))


def _members_json(match: Match) -> bytes:
    members = match.to_dict("offer_id")
    del members["offer_id"]
    return b"," + orjson.dumps(members)[1:]


def results_json(results: Sequence[OfferResult | ProfileResult],
                 explain: bool = False) -> list[dict[str, Any]]:
    """[r.to_dict(explain) for r in results] for orjson to write, each result's matches
    already JSON (an orjson.Fragment): a document to write, not to read."""
    openings = (_WRITING.get() or _Encodings()).openings
    out = []
    with collector_paused():
        for result in results:
            out.append(result.to_dict(explain, _matches_json(
                result.matches, result.counterpart, openings[result.counterpart])))
    return out
