"""Profile imports: the caseload CSV and exchange JSON, and the no-identity rule."""

import io
import json
from pathlib import Path

import pytest

from ingestion.profiles import identity_fields, parse_profiles
from ingestion.report import ImportFileError

DATA = Path(__file__).resolve().parent.parent / "data"
CSV_SAMPLE = DATA / "profils.csv"
HEADER = "reference;commune_insee;codes_rome;intitules_vises;experience;modes"


def by_id(result):
    return {record.external_id: record.data for record in result.records}


def csv_bytes(*rows, header=HEADER):
    return io.BytesIO("\n".join([header, *rows]).encode("utf-8"))


def test_csv_sample_converts_every_row_to_the_exchange_format():
    result = parse_profiles(CSV_SAMPLE, "csv")
    assert result.report.summary() == "lus : 6, convertis : 6, rejetés : 0"
    first = by_id(result)["P-000123"]
    assert {key: first[key] for key in first if key != "source"} == {
        "id": "P-000123", "commune": "13004", "target_rome_codes": ["K2204", "K1304"],
        "target_titles": ["femme de ménage"], "experience_months": {"K2204": 18},
        "mobility": {"modes": ["walk", "public_transport"], "max_minutes": 45, "max_km": None},
        "driving_licence": False, "vehicle": False,
        "availability": {"min_hours_per_week": 15, "max_hours_per_week": 26, "night": False,
                         "weekend": True, "early_morning": False, "split_shift": False},
        "childcare_constraint": True, "available_from": "2026-11-30", "parcours": "emploi",
        "consent_promotion": True,
    }
    assert first["source"] == {"format": "csv", "reference": "P-000123"}


def test_csv_sample_titles_only_modes_and_empty_hours():
    profiles = by_id(parse_profiles(CSV_SAMPLE, "csv"))
    assert profiles["P-000126"]["target_rome_codes"] == []
    assert profiles["P-000126"]["target_titles"] == ["aide à domicile", "auxiliaire de vie"]
    assert profiles["P-000126"]["parcours"] == "socio_pro"
    assert profiles["P-000125"]["mobility"]["modes"] == ["car", "carpool"]
    assert profiles["P-000125"]["experience_months"] == {"N1103": 24, "N1105": 12}
    assert profiles["P-000127"]["mobility"]["modes"] == ["two_wheeler"]
    assert profiles["P-000127"]["availability"]["min_hours_per_week"] is None


@pytest.mark.parametrize("line", [
    "ligne 3 (réf. P-ERR-02), colonne « commune_insee » : champ obligatoire manquant",
    "ligne 4 (réf. P-ERR-03), colonne « codes_rome » : code ROME inconnu « K9999 »",
    ("ligne 5 (réf. P-ERR-04), colonne « heures_max » : doit être supérieur ou égal au minimum "
    "(30 h)"),
    ("ligne 6 (réf. P-ERR-05), colonne « modes » : mode « trottinette » inconnu (marche, velo, "
    "transports, voiture, covoiturage, deux_roues)"),
    ("ligne 6 (réf. P-ERR-05), colonne « temps_max_min » : doit être compris entre 1 et 240, "
    "reçu 0"),
    ("ligne 7 (réf. P-ERR-06), colonne « experience » : « K2204-18 » n'est pas de la forme "
    "CODE:mois (ex. K2204:18)"),
    "ligne 7 (réf. P-ERR-06), colonne « disponible_le » : date « 2026-13-01 » impossible",
    ("ligne 8 (réf. P-ERR-07), colonne « parcours » : valeur « formation » inconnue (valeurs "
    "admises : emploi, socio_pro, remobilisation)"),
])
def test_csv_bad_rows_are_reported_with_line_and_column(line):
    result = parse_profiles(DATA / "profils_erreurs.csv", "csv")
    assert line in result.report.problem_lines()


def test_csv_bad_rows_file_keeps_only_the_good_row():
    result = parse_profiles(DATA / "profils_erreurs.csv", "csv")
    assert [r.external_id for r in result.records] == ["P-ERR-01"]
    assert result.report.lines()[-1] == "lus : 7, convertis : 1, rejetés : 6"
    missing_target = [line for line in result.report.problem_lines() if "P-ERR-07" in line]
    assert any("colonne « codes_rome » : au moins un code ROME" in line
               for line in missing_target)


def test_csv_french_words_commas_and_commune_names_are_understood():
    stream = csv_bytes(
        "P-1;Saint-Martin-de-Crau;k2204, K1304;;K2204 : 6 mois;Marche, Transports en commun, vélo;"
        "socio-professionnel",
        header=HEADER.replace("commune_insee", "commune") + ";parcours")
    profile = parse_profiles(stream, "csv").records[0].data
    assert profile["commune"] == "13097"
    assert profile["target_rome_codes"] == ["K2204", "K1304"]
    assert profile["experience_months"] == {"K2204": 6}
    assert profile["mobility"]["modes"] == ["walk", "public_transport", "bike"]
    assert profile["parcours"] == "socio_pro"


@pytest.mark.parametrize("column", ["nom", "Prénom", "Date de naissance", "sexe", "Nationalité",
                                    "santé", "handicap", "email", "téléphone", "adresse"])
def test_csv_with_an_identity_column_is_refused_whole(column):
    stream = csv_bytes("P-1;13004;K2204;;;marche;X", header=f"{HEADER};{column}")
    with pytest.raises(ImportFileError, match=f"identité interdites dans un profil \\({column}\\)"):
        parse_profiles(stream, "csv")


def test_identity_sample_file_is_refused_naming_every_column():
    with pytest.raises(ImportFileError) as error:
        parse_profiles(DATA / "profils_identite.csv", "csv")
    assert "(nom, prenom, date_naissance)" in error.value.message


def test_ordinary_columns_are_not_mistaken_for_identity():
    columns = ["reference", "commune_insee", "codes_rome", "intitules_vises", "garde_enfants",
               "temps_max_min", "consentement", "nombre_enfants", "disponible_le"]
    assert identity_fields(columns) == []


def test_exchange_json_with_identity_keys_is_refused():
    profiles = [{"id": "P-1", "commune": "13004", "target_rome_codes": ["K2204"],
                 "birth_date": "1990-03-12"}]
    with pytest.raises(ImportFileError, match="l'enregistrement 1 .*\\(birth_date\\)"):
        parse_profiles(io.StringIO(json.dumps({"profiles": profiles})), "json")


def test_converted_profiles_read_back_identically_as_exchange_json():
    first = parse_profiles(CSV_SAMPLE, "csv").exchange_dicts()
    stream = io.BytesIO(json.dumps({"profiles": first}, ensure_ascii=False).encode("utf-8"))
    again = parse_profiles(stream, "json")
    assert again.report.rejected == 0
    assert again.exchange_dicts() == first


def test_exchange_json_bad_record_names_its_field_path():
    profiles = [{"id": "P-1", "commune": "13004", "target_rome_codes": ["K2204", "bad"]}]
    result = parse_profiles(io.StringIO(json.dumps(profiles)), "json")
    assert result.report.problem_lines() == [
        ("enregistrement 1 (id P-1), champ « target_rome_codes[1] » : code ROME mal formé « bad » "
        "(une lettre de A à N suivie de 4 chiffres, ex. K2204)")
    ]


def test_profiles_refuse_the_francetravail_format():
    with pytest.raises(ImportFileError, match="format « francetravail » inconnu"):
        parse_profiles(CSV_SAMPLE, "francetravail")
