"""Job fit between an offer's ROME code or title and a profile's targets, vectorised."""

from __future__ import annotations

import numpy as np

# Levels of job fit, the best first. An exact code is worth more than anything else: its
# lowest value (5th choice) stays above the best same-domaine fit with full experience.
JOB_EXACT = 0.9  # the offer's code is the person's first choice
JOB_PREFERENCE_STEP = 0.05  # each later choice loses this much (5th choice: 0.7)
JOB_SAME_DOMAINE = 0.55  # same domaine professionnel (K22): transferable gestures
JOB_SAME_GRAND_DOMAINE = 0.25  # same grand domaine (K): same world, other trade
# Title similarity (TF-IDF cosine) counts up to this, just under the domaine level, so that
# "agent d'entretien" meets "nettoyage de locaux" across ROME families without outranking
# a person whose target shares the offer's domaine.
JOB_TEXT_CEILING = 0.5
# Experience in the offer's code adds up to this, reached at EXPERIENCE_FULL_MONTHS; it
# adds to a fit, it does not create one.
EXPERIENCE_BONUS = 0.1
EXPERIENCE_FULL_MONTHS = 24

# What decides the job fit of a pair (levels compare as integers: higher is closer).
NO_FIT, TEXT, SAME_GRAND_DOMAINE, SAME_DOMAINE, EXACT = 0, 1, 2, 3, 4
_LEVEL_VALUES = np.array([0.0, 0.0, JOB_SAME_GRAND_DOMAINE, JOB_SAME_DOMAINE, JOB_EXACT])


def _first_true(matches: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    found = matches.any(axis=-1)
    return found, np.where(found, matches.argmax(axis=-1), -1)


def target_levels(offer_code: np.ndarray | int, offer_domain: np.ndarray | int,
                  offer_grand: np.ndarray | int, targets: np.ndarray,
                  target_domains: np.ndarray, target_grands: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(level, index of the deciding target or -1) of pairs, from codes alone.

    Offer fields broadcast against the targets' last axis; targets and their level ids are
    padded with -1, and an offer without code has -1 everywhere, which matches nothing.
    """
    code, domain, grand = (np.asarray(x)[..., None]
                           for x in (offer_code, offer_domain, offer_grand))
    valid = targets >= 0
    exact, exact_rank = _first_true((targets == code) & valid)
    same_domain, domain_rank = _first_true((target_domains == domain) & valid)
    same_grand, grand_rank = _first_true((target_grands == grand) & valid)
    level = np.where(exact, EXACT, np.where(same_domain, SAME_DOMAINE,
                                            np.where(same_grand, SAME_GRAND_DOMAINE, NO_FIT)))
    target = np.where(exact, exact_rank, np.where(same_domain, domain_rank, grand_rank))
    return level, target


def level_value(level: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Value of a code level; `rank` is the preference rank of an exact target."""
    return np.where(level == EXACT, JOB_EXACT - JOB_PREFERENCE_STEP * rank,
                    _LEVEL_VALUES[level])


def text_value(similarity: np.ndarray, text_min: float) -> np.ndarray:
    """Value of a title similarity: 0 below the threshold."""
    return np.where(similarity >= text_min, JOB_TEXT_CEILING * similarity, 0.0)


def job_value(level: np.ndarray, rank: np.ndarray, similarity: np.ndarray,
              months: np.ndarray, text_min: float) -> np.ndarray:
    """Job fit in [0, 1]: the better of code level and title, plus experience."""
    base = np.maximum(level_value(level, rank), text_value(similarity, text_min))
    bonus = EXPERIENCE_BONUS * np.minimum(months, EXPERIENCE_FULL_MONTHS) / EXPERIENCE_FULL_MONTHS
    return np.where(base > 0, np.minimum(base + bonus, 1.0), 0.0)


def shown_level(level: np.ndarray, rank: np.ndarray, similarity: np.ndarray,
                text_min: float) -> np.ndarray:
    """The level to explain: TEXT where the title similarity beat the code level."""
    by_text = text_value(similarity, text_min) > level_value(level, rank)
    return np.where(by_text, TEXT, level)
