"""Job fit between an offer's ROME code or title and a profile's targets, vectorised."""

from __future__ import annotations

from dataclasses import dataclass

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
# Experience in the offer's code adds up to this, reached at EXPERIENCE_FULL_MONTHS.
EXPERIENCE_BONUS = 0.1
EXPERIENCE_FULL_MONTHS = 24

# What decided the job fit of a pair, for the reasons.
NO_FIT, TEXT, SAME_GRAND_DOMAINE, SAME_DOMAINE, EXACT = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class JobFit:
    """Job fit per pair: value in [0, 1], deciding level, and which target decided it."""

    value: np.ndarray
    level: np.ndarray
    target: np.ndarray  # index in the profile's target codes (EXACT/DOMAINE/GRAND) or -1


def _first_true(matches: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    found = matches.any(axis=-1)
    return found, np.where(found, matches.argmax(axis=-1), -1)


def job_fit(offer_code: np.ndarray | int, offer_domain: np.ndarray | int,
            offer_grand: np.ndarray | int, targets: np.ndarray, target_domains: np.ndarray,
            target_grands: np.ndarray, text_similarity: np.ndarray, months: np.ndarray,
            text_min_similarity: float) -> JobFit:
    """Job fit of pairs; offer fields broadcast against the targets' last axis.

    targets / target_domains / target_grands hold integer ids padded with -1; an offer
    without code has code -1 and level ids -1, which match no target.
    """
    code, domain, grand = (np.asarray(x)[..., None] for x in (offer_code, offer_domain,
                                                               offer_grand))
    valid = targets >= 0
    exact, exact_rank = _first_true((targets == code) & valid)
    same_domain, domain_rank = _first_true((target_domains == domain) & valid)
    same_grand, grand_rank = _first_true((target_grands == grand) & valid)
    level_value = np.where(exact, JOB_EXACT - JOB_PREFERENCE_STEP * exact_rank,
                           np.where(same_domain, JOB_SAME_DOMAINE,
                                    np.where(same_grand, JOB_SAME_GRAND_DOMAINE, 0.0)))
    level = np.where(exact, EXACT, np.where(same_domain, SAME_DOMAINE,
                                            np.where(same_grand, SAME_GRAND_DOMAINE, NO_FIT)))
    target = np.where(exact, exact_rank, np.where(same_domain, domain_rank, grand_rank))
    text_value = np.where(text_similarity >= text_min_similarity,
                          JOB_TEXT_CEILING * text_similarity, 0.0)
    by_text = text_value > level_value
    base = np.maximum(level_value, text_value)
    bonus = EXPERIENCE_BONUS * np.minimum(months, EXPERIENCE_FULL_MONTHS) / EXPERIENCE_FULL_MONTHS
    value = np.where(base > 0, np.minimum(base + bonus, 1.0), 0.0)
    return JobFit(value=value, level=np.where(by_text, TEXT, level),
                  target=np.where(by_text, -1, target))
