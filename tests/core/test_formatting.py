from datetime import UTC, date, datetime

from webapp.core.formatting import date_fr, datetime_fr, number_fr


def test_dates_are_french_and_in_paris_time():
    assert date_fr(date(2026, 11, 22)) == "22/11/2026"
    assert datetime_fr(datetime(2026, 11, 22, 13, 5, tzinfo=UTC)) == "22/11/2026 à 14:05"
    assert date_fr(datetime(2026, 11, 22, 23, 30, tzinfo=UTC)) == "23/11/2026"


def test_a_naive_datetime_from_sqlite_is_read_as_utc():
    assert datetime_fr(datetime(2026, 7, 1, 10, 0)) == "01/07/2026 à 12:00"


def test_numbers_use_a_comma_and_thin_spaces():
    assert number_fr(12.5, 1) == "12,5"
    assert number_fr(12500) == "12\u202f500"
    assert number_fr(None) == ""
