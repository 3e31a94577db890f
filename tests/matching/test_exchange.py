"""The exchange format: parsing, validation in French, files with every problem listed."""

import json
from datetime import date

import pytest

from matching.exchange import (
    FileError,
    RecordError,
    load_offers_file,
    load_profiles_file,
    offer_from_dict,
    offer_to_dict,
    profile_from_dict,
    profile_to_dict,
)

SPEC_OFFER = {
    "id": "O-2026-0001", "title": "Agent d'entretien de locaux H/F", "rome_code": "K2204",
    "commune": "13205", "contract": "CDI", "hours_per_week": 24,
    "schedule": {"night": False, "weekend": False, "early_morning": True, "split_shift": False},
    "requires_driving_licence": False, "requires_vehicle": False, "start_date": "2026-12-01",
    "positions": 2, "immersion_possible": True,
    "employer": {"name": "Propreté du Sud", "siret": "12345678901234"},
}
SPEC_PROFILE = {
    "id": "P-000123", "commune": "13004", "target_rome_codes": ["K2204", "K1304"],
    "target_titles": ["femme de ménage"], "experience_months": {"K2204": 18},
    "mobility": {"modes": ["walk", "public_transport"], "max_minutes": 45, "max_km": None},
    "driving_licence": False, "vehicle": False,
    "availability": {"min_hours_per_week": 15, "max_hours_per_week": 26, "night": False,
                     "weekend": True, "early_morning": False, "split_shift": False},
    "childcare_constraint": True, "available_from": "2026-11-30", "parcours": "emploi",
    "consent_promotion": True,
}


def problems(error: RecordError) -> dict[str, str]:
    return {p.field: p.message for p in error.problems}


def test_spec_offer_round_trips(ref):
    offer = offer_from_dict(SPEC_OFFER, ref)
    assert offer.schedule.early_morning and not offer.schedule.night
    assert offer.start_date == date(2026, 12, 1)
    assert offer_to_dict(offer) == SPEC_OFFER


def test_spec_profile_round_trips(ref):
    profile = profile_from_dict(SPEC_PROFILE, ref)
    assert profile.months_in("K2204") == 18 and profile.months_in("K1304") == 0
    assert profile_to_dict(profile) == SPEC_PROFILE


def test_missing_values_take_the_spec_defaults():
    offer = offer_from_dict({"id": "O-1", "title": "Cariste", "commune": "13001"})
    assert offer.rome_code is None and offer.hours_per_week is None
    assert not offer.requires_driving_licence and not offer.schedule.night
    profile = profile_from_dict({"id": "P-1", "commune": "13001", "target_titles": ["cariste"]})
    assert profile.mobility.modes == () and profile.mobility.max_minutes is None
    assert not profile.consent_promotion and profile.available_from is None


def test_every_bad_field_of_a_record_is_named_in_french(ref):
    bad = {"id": 7, "title": "", "commune": "1300", "rome_code": "Z1234", "contract": "CDD2",
           "hours_per_week": 70, "schedule": {"night": "oui"}, "start_date": "2026-13-01",
           "positions": 1.5, "employer": {"siret": "123"}}
    with pytest.raises(RecordError) as caught:
        offer_from_dict(bad, ref)
    found = problems(caught.value)
    assert found["id"] == "doit être un texte, reçu 7"
    assert found["title"] == "ne doit pas être vide"
    assert "code commune INSEE mal formé « 1300 »" in found["commune"]
    assert "code ROME mal formé « Z1234 »" in found["rome_code"]
    assert "valeur « CDD2 » inconnue" in found["contract"]
    assert found["hours_per_week"] == "doit être compris entre 1 et 48, reçu 70"
    assert found["schedule.night"] == "doit valoir true ou false, reçu « oui »"
    assert "date invalide « 2026-13-01 »" in found["start_date"]
    assert found["positions"] == "doit être un nombre entier, reçu 1.5"
    assert "SIRET « 123 » invalide" in found["employer.siret"]


def test_unknown_codes_fail_only_against_a_referential(ref):
    record = {"id": "O-1", "title": "X", "commune": "99999", "rome_code": "K9999"}
    assert offer_from_dict(record).commune == "99999"
    with pytest.raises(RecordError) as caught:
        offer_from_dict(record, ref)
    assert problems(caught.value) == {"commune": "commune inconnue « 99999 »",
                                      "rome_code": "code ROME inconnu « K9999 »"}


def test_profile_rules(ref):
    bad = {"id": "P-1", "commune": "13001", "target_rome_codes": ["K2204", "K2204"],
           "experience_months": {"K2204": -3},
           "mobility": {"modes": ["walk", "plane", "walk"], "max_minutes": 0},
           "availability": {"min_hours_per_week": 30, "max_hours_per_week": 20},
           "parcours": "autre"}
    with pytest.raises(RecordError) as caught:
        profile_from_dict(bad, ref)
    found = problems(caught.value)
    assert found["target_rome_codes[1]"] == "code ROME « K2204 » en double"
    assert found["experience_months.K2204"] == "doit être compris entre 0 et 600, reçu -3"
    assert "mode « plane » inconnu" in found["mobility.modes[1]"]
    assert found["mobility.modes[2]"] == "mode « walk » en double"
    assert found["mobility.max_minutes"] == "doit être compris entre 1 et 240, reçu 0"
    assert found["availability.max_hours_per_week"] == (
        "doit être supérieur ou égal au minimum (30 h)")
    assert "valeur « autre » inconnue" in found["parcours"]


def test_a_profile_needs_a_target():
    with pytest.raises(RecordError) as caught:
        profile_from_dict({"id": "P-1", "commune": "13001", "target_rome_codes": []})
    assert caught.value.field == "target_rome_codes"
    assert "au moins un code ROME visé" in caught.value.message


def test_a_record_must_be_an_object():
    with pytest.raises(RecordError):
        offer_from_dict(["O-1"])


def test_files_accept_an_object_or_a_bare_list(tmp_path, ref):
    wrapped, bare = tmp_path / "wrapped.json", tmp_path / "bare.json"
    wrapped.write_text(json.dumps({"offers": [SPEC_OFFER]}), encoding="utf-8")
    bare.write_text(json.dumps([SPEC_PROFILE]), encoding="utf-8")
    assert [o.id for o in load_offers_file(wrapped, ref)] == ["O-2026-0001"]
    assert [p.id for p in load_profiles_file(bare, ref)] == ["P-000123"]


def test_a_file_reports_every_problem_with_file_record_id_and_field(tmp_path, ref):
    path = tmp_path / "profiles.json"
    records = [SPEC_PROFILE, {**SPEC_PROFILE, "commune": "99999"}, "texte",
               {**SPEC_PROFILE, "id": "P-2", "vehicle": "oui", "parcours": None},
               SPEC_PROFILE]
    path.write_text(json.dumps({"profiles": records}), encoding="utf-8")
    with pytest.raises(FileError) as caught:
        load_profiles_file(path, ref)
    assert caught.value.lines == (
        f"{path}: enregistrement 2 (id P-000123) : champ commune : commune inconnue « 99999 »",
        f"{path}: enregistrement 3 (id ?) : champ (enregistrement) : doit être un objet JSON",
        (f"{path}: enregistrement 4 (id P-2) : champ vehicle : "
        "doit valoir true ou false, reçu « oui »"),
        (f"{path}: enregistrement 5 (id P-000123) : champ id : identifiant « P-000123 » "
        "déjà utilisé par l'enregistrement 1"),
    )


@pytest.mark.parametrize("content, expected", [
    ("{not json", "JSON invalide ligne 1 colonne 2"),
    ('{"offres": []}', 'attendu un objet {"offers": [...]} ou une liste'),
])
def test_unreadable_files_give_one_line(tmp_path, content, expected):
    path = tmp_path / "offers.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileError) as caught:
        load_offers_file(path)
    assert len(caught.value.lines) == 1 and expected in caught.value.lines[0]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileError) as caught:
        load_offers_file(tmp_path / "absent.json")
    assert caught.value.lines[0].startswith(f"{tmp_path / 'absent.json'}: fichier illisible")


def test_the_dataclasses_hold_no_personal_detail_beyond_the_commune():
    fields = set(profile_to_dict(profile_from_dict(SPEC_PROFILE)))
    assert not fields & {"name", "birth_date", "age", "sex", "nationality", "health",
                         "address", "email", "phone"}
