"""What the profile form posts, for the profile tests: a valid person, overridable field by field."""


def valid_form(organisation, adviser, **overrides) -> dict:
    """A complete, valid profile form; `overrides` replace or (with None) remove fields."""
    data = {
        "organisation_id": str(organisation.id),
        "label": "Karima B.",
        "external_ref": "SOLIS-004217",
        "ae_id": str(adviser.id),
        "commune_insee": "13201",
        "parcours": "emploi",
        "entry_date": "2026-01-05",
        "weekly_activity_hours": "15",
        "targets-0-rome_code": "K2204",
        "targets-0-experience_months": "18",
        "targets-0-skills": "Autolaveuse, protocoles d'hygiène",
        "targets-1-rome_code": "K1304",
        "mobility_modes": ["walk", "public_transport"],
        "max_minutes": "45",
        "min_hours_per_week": "15",
        "max_hours_per_week": "26",
        "can_early_morning": "y",
        "available_from": "2026-02-01",
        "barriers-mobility": "y",
        "barriers-mobility_note": "Pas de permis",
        "barriers-health": "y",
        "qualifications": "CAP Agent de propreté et d'hygiène",
        "languages": "français, arabe",
        "status": "accompaniment",
        "hired_contract": "",
        "consent_promotion": "y",
    }
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
