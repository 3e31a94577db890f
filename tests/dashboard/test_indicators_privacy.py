"""The small-cell rule, the funnel's cumulative steps, rates, periods and quantiles: pure
functions, checked on hand-made figures whose right answer is known."""

import statistics
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.core.errors import Invalid
from webapp.dashboard.indicators.funnel import cumulative
from webapp.dashboard.indicators.period import custom_period, preset_period
from webapp.dashboard.indicators.privacy import SECONDARY, SMALL, Shown, protect
from webapp.dashboard.indicators.results import rate_text, value_trend
from webapp.dashboard.indicators.sql import quantiles_of


def _texts(figures: dict) -> dict:
    return {key: figure.text for key, figure in figures.items()}


def test_a_count_under_5_is_masked_and_a_second_cell_hides_it_from_the_total():
    table = protect({(1, "cdi"): 10, (1, "cdd"): 3, (1, "mis"): 7}, ["cdi", "cdd", "mis"])
    assert _texts(table.view(None)) == {"cdi": "10", "cdd": "< 5", "mis": "n.c."}
    assert table.view_total(None).text == "20"
    assert table.view(None)["cdd"].value is None and table.view(None)["mis"].value is None
    assert table.view(None)["cdd"].mask == SMALL and table.view(None)["mis"].mask == SECONDARY


def test_two_small_cells_adding_up_to_less_than_5_take_a_third_one_with_them():
    table = protect({(1, "a"): 30, (1, "b"): 1, (1, "c"): 2}, ["a", "b", "c"])
    assert _texts(table.view(None)) == {"a": "n.c.", "b": "< 5", "c": "< 5"}
    assert table.view_total(None).text == "33"


def test_a_total_under_5_masks_everything_and_zero_stays_zero():
    table = protect({(1, "a"): 3, (1, "b"): 0}, ["a", "b"])
    assert _texts(table.view(None)) == {"a": "< 5", "b": "0"}
    assert table.view_total(None).text == "< 5"


def test_an_organisation_cannot_be_subtracted_from_its_territory():
    # Organisation 1 hired 9, organisation 2 hired 3: the territory's 12 minus 9 would give 3.
    table = protect({(1, "total"): 9, (2, "total"): 3}, ["total"], additive=False)
    assert table.view(2)["total"].text == "< 5"
    assert table.view(1)["total"].text == "n.c."
    assert table.view(None)["total"].text == "12"


def test_a_table_by_organisation_and_category_is_protected_both_ways():
    counts = {(1, "cdi"): 20, (1, "cdd"): 2, (2, "cdi"): 15, (2, "cdd"): 12}
    table = protect(counts, ["cdi", "cdd"])
    # Organisation 1's 2 CDD are masked, with a second cell in its row and in its column.
    assert table.view(1)["cdd"].text == "< 5"
    assert table.view(1)["cdi"].hidden and table.view(2)["cdd"].hidden
    assert table.view(None)["cdd"].text == "14" and table.view(None)["cdi"].text == "35"
    assert table.view_total(1).text == "22" and table.view_total(None).text == "49"


small_tables = st.dictionaries(
    st.tuples(st.integers(1, 4), st.sampled_from(["a", "b", "c"])), st.integers(0, 12), max_size=12)


@settings(max_examples=300, deadline=None)
@given(small_tables, st.booleans())
def test_no_published_figure_is_small_nor_derivable_by_subtraction(counts, additive):
    table = protect(counts, ["a", "b", "c"], additive=additive)
    rows = sorted({row for row, _ in counts})
    figures = [*table.cells.values(), *table.row_totals.values(), *table.column_totals.values()]
    assert all(f.hidden or not 0 < f.value < 5 for f in figures)
    groups = [([table.cells[r, c] for r in rows], table.column_totals[c]) for c in "abc"]
    if additive:
        groups += [([table.cells[r, c] for c in "abc"], table.row_totals[r]) for r in rows]
        groups.append(([table.row_totals[r] for r in rows], table.total))
    truth = {id(cell): counts.get(key, 0) for key, cell in table.cells.items()}
    truth |= {id(table.row_totals[r]): sum(counts.get((r, c), 0) for c in "abc") for r in rows if additive}
    for cells, total in groups:
        masked = [truth[id(c)] for c in cells if c.hidden and truth[id(c)]]
        if not total.hidden and masked:  # what the total minus the visible cells gives away
            assert len(masked) >= 2 and sum(masked) >= 5, (counts, cells, total)


def test_the_funnel_publishes_a_step_only_when_no_masked_one_can_be_derived():
    stopped = {0: Shown(10), 1: Shown(None, SMALL), 2: Shown(8), 3: Shown(None, SECONDARY), 4: Shown(6)}
    steps = cumulative(stopped, Shown(30))
    assert steps[0].text == "30" and steps[1].text == "20"  # 30 - 10
    assert steps[2].hidden and steps[3].hidden  # would give the masked steps back
    assert steps[4].text == "6"
    whole = cumulative({0: Shown(5), 1: Shown(7), 2: Shown(0)}, Shown(12))
    assert [whole[r].text for r in range(3)] == ["12", "7", "0"]


def test_rates_say_why_they_are_missing():
    assert rate_text(Shown(23), Shown(50)) == "46 %"
    assert rate_text(Shown(None, SMALL), Shown(50)) == "n.c."
    assert rate_text(Shown(0), Shown(0)) == "—"


def test_trends_are_written_in_words_with_their_direction():
    up = value_trend(12, 10, "la période précédente", higher_is_better=True)
    assert up.text == "+2 (+20 %) par rapport à la période précédente"
    assert (up.direction, up.tone) == ("up", "good")
    down = value_trend(8, 10, "la période précédente", higher_is_better=True)
    assert down.text.startswith("−2") and down.tone == "bad"
    assert value_trend(10, 10, "la période précédente").direction == "flat"


def test_presets_end_today_and_the_previous_period_has_the_same_length():
    today = date(2026, 11, 22)
    thirty = preset_period("30j", today)
    assert (thirty.start, thirty.last_day, thirty.days) == (date(2026, 10, 24), today, 30)
    assert (thirty.previous().start, thirty.previous().end) == (date(2026, 9, 24), date(2026, 10, 24))
    quarter = preset_period("trimestre", today)
    assert (quarter.start, quarter.end) == (date(2026, 8, 23), date(2026, 11, 23))
    year = preset_period("annee", today)
    assert year.start == date(2025, 11, 23) and year.title.startswith("12 derniers mois")
    assert thirty.start_at == datetime(2026, 10, 23, 22, 0, tzinfo=UTC)  # midnight in Paris


def test_custom_dates_are_checked_with_french_messages():
    period = custom_period(date(2026, 1, 1), date(2026, 3, 31))
    assert period.days == 90 and period.label == "du 01/01/2026 au 31/03/2026"
    with pytest.raises(Invalid, match="La date de fin doit suivre la date de début"):
        custom_period(date(2026, 3, 1), date(2026, 2, 1))
    with pytest.raises(Invalid, match="Indiquez la date de début et la date de fin"):
        custom_period(None, date(2026, 2, 1))
    with pytest.raises(Invalid, match="cinq ans"):
        custom_period(date(2010, 1, 1), date(2026, 1, 1))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=2, max_size=60))
def test_quantiles_read_from_a_histogram_match_those_of_the_values(values):
    histogram = sorted({v: values.count(v) for v in values}.items())
    result = quantiles_of([(float(v), n) for v, n in histogram])
    cut_points = statistics.quantiles(values, n=10, method="inclusive")
    assert result.count == len(values)
    assert result.median == pytest.approx(statistics.median(values))
    assert result.p90 == pytest.approx(cut_points[8])
