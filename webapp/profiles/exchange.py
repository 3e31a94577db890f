"""Profiles to and from the exchange format (`../shared/spec/exchange-format.md`)."""

from dataclasses import replace
from typing import Any

from matching.exchange import Availability, Mobility, profile_to_dict
from matching.exchange import Profile as ExchangeProfile
from webapp.profiles.models import Profile
from webapp.profiles.rules import ProfileData, TargetData


def to_exchange(profile: Profile) -> ExchangeProfile:
    """The profile as matching sees it: id = the platform reference, no identity at all."""
    return ExchangeProfile(
        id=profile.reference,
        commune=profile.commune_insee,
        target_rome_codes=tuple(t.rome_code for t in profile.targets),
        target_titles=tuple(profile.target_titles or ()),
        experience_months=tuple((t.rome_code, t.experience_months) for t in profile.targets
                                if t.experience_months),
        mobility=Mobility(modes=tuple(profile.mobility_modes or ()),
                          max_minutes=profile.max_minutes, max_km=profile.max_km),
        driving_licence=profile.driving_licence,
        vehicle=profile.vehicle,
        availability=Availability(
            min_hours_per_week=profile.min_hours_per_week,
            max_hours_per_week=profile.max_hours_per_week, night=profile.can_night,
            weekend=profile.can_weekend, early_morning=profile.can_early_morning,
            split_shift=profile.can_split_shift,
        ),
        childcare_constraint=profile.childcare_constraint,
        available_from=profile.available_from,
        parcours=profile.parcours,
        consent_promotion=profile.consent_promotion,
        postal_code=profile.postal_code,
    )


def exchange_record(profile: Profile) -> dict[str, Any]:
    """The profile as an exchange-format JSON object."""
    return profile_to_dict(to_exchange(profile))


def _targets(record: ExchangeProfile, base: ProfileData) -> tuple[TargetData, ...]:
    skills = {target.rome_code: target.skills for target in base.targets}
    months = dict(record.experience_months)
    return tuple(TargetData(code, months.get(code, 0), skills.get(code, ""))
                 for code in record.target_rome_codes)


def _barriers(record: ExchangeProfile, base: ProfileData) -> dict[str, str]:
    barriers = dict(base.barriers)
    if record.childcare_constraint:
        barriers.setdefault("childcare", "")
    else:
        barriers.pop("childcare", None)
    return barriers


def data_from_exchange(record: ExchangeProfile, base: ProfileData) -> ProfileData:
    """`base` (a new profile's defaults, or the current values) overlaid with the record's fields;
    what the exchange format does not carry (label, barriers' notes, status…) is kept."""
    mobility, availability = record.mobility, record.availability
    return replace(
        base,
        external_ref=record.id,
        commune_insee=record.commune,
        # a file without postal codes keeps the one typed for the same commune
        postal_code=record.postal_code or (base.postal_code if record.commune == base.commune_insee
                                           else None),
        targets=_targets(record, base),
        target_titles=tuple(record.target_titles),
        mobility_modes=tuple(mobility.modes),
        max_minutes=mobility.max_minutes if mobility.max_minutes is not None else base.max_minutes,
        max_km=mobility.max_km,
        driving_licence=record.driving_licence,
        vehicle=record.vehicle,
        min_hours_per_week=availability.min_hours_per_week,
        max_hours_per_week=availability.max_hours_per_week,
        can_night=availability.night,
        can_weekend=availability.weekend,
        can_early_morning=availability.early_morning,
        can_split_shift=availability.split_shift,
        barriers=_barriers(record, base),
        available_from=record.available_from,
        parcours=record.parcours or base.parcours,
        consent_promotion=record.consent_promotion,
    )
