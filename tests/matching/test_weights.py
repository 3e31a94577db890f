"""Weights and thresholds: validation, JSON form."""

import pytest

from matching.weights import DEFAULT_WEIGHTS, Thresholds, Weights


def test_default_weights_sum_to_one():
    assert DEFAULT_WEIGHTS.total() == pytest.approx(1.0)
    assert DEFAULT_WEIGHTS.to_dict() == {"job": 0.5, "reach": 0.25, "hours": 0.15,
                                         "availability": 0.1}


def test_weights_from_a_mapping_keep_defaults_for_missing_names():
    weights = Weights.from_dict({"job": 2, "reach": 1})
    assert (weights.job, weights.reach, weights.hours) == (2, 1, 0.15)


@pytest.mark.parametrize("data, message", [
    ({"job": -1}, "poids « job » : un nombre entre 0 et 100 est attendu, reçu -1"),
    ({"job": "1"}, "poids « job » : un nombre entre 0 et 100 est attendu, reçu '1'"),
    ({"job": True}, "poids « job » : un nombre entre 0 et 100 est attendu, reçu True"),
    ({"job": 0, "reach": 0, "hours": 0, "availability": 0}, "au moins un poids"),
    ({"salary": 1}, "poids inconnus : salary"),
])
def test_bad_weights_are_refused_in_french(data, message):
    with pytest.raises(ValueError, match=message):
        Weights.from_dict(data)


@pytest.mark.parametrize("changes", [
    {"reach_at_max": 1.5}, {"text_min_similarity": 0.1}, {"hours_tolerance": 0},
    {"availability_zero_days": 5}, {"default_max_minutes": -1},
])
def test_bad_thresholds_are_refused(changes):
    with pytest.raises(ValueError):
        Thresholds(**changes)
