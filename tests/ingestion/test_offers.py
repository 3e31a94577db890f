"""Offer imports: France Travail JSON, the offers CSV and exchange JSON, on the real references."""

import io
import json
from pathlib import Path

import pytest

from ingestion.francetravail import hours_per_week, schedule_hints
from ingestion.offers import parse_offers
from ingestion.report import ImportFileError
from ingestion.siret import siret_problem

DATA = Path(__file__).resolve().parent.parent / "data"
FT_SAMPLE = DATA / "offres_francetravail.json"
CSV_SAMPLE = DATA / "offres.csv"
CSV_HEADER = "reference;intitule;code_rome;commune_insee;contrat;heures_semaine"


def by_id(result):
    return {record.external_id: record.data for record in result.records}


def ft_payload(**fields):
    offer = {"id": "200AAAA", "intitule": "Agent d'entretien (H/F)", "romeCode": "K2204",
             "lieuTravail": {"libelle": "13 - ARLES", "codePostal": "13200", "commune": "13004"},
             "typeContrat": "CDI", "natureContrat": "Contrat travail"}
    offer.update(fields)
    return io.BytesIO(json.dumps({"resultats": [offer]}).encode())


def csv_bytes(*rows, header=CSV_HEADER):
    return io.BytesIO("\n".join([header, *rows]).encode("utf-8"))


# --- France Travail ---------------------------------------------------------------------

def test_france_travail_sample_converts_all_but_the_departement_wide_offer():
    result = parse_offers(FT_SAMPLE, "francetravail")
    assert (result.report.read, result.report.converted, result.report.rejected) == (11, 10, 1)
    assert result.report.problem_lines() == [
        ("enregistrement 10 (id 194VMZG), champ « lieuTravail.libelle » : lieu "
        "« 13 - Bouches-du-Rhône » ne désigne aucune commune connue (lieu trop imprécis ?)")
    ]
    assert result.report.lines()[-1] == "lus : 11, convertis : 10, rejetés : 1"
    assert [record.line for record in result.records][:3] == [1, 2, 3]


@pytest.mark.parametrize(("offer_id", "commune", "contract", "hours", "flags"), [
    ("194KXMT", "13205", "CDI", 24, {"early_morning", "split_shift"}),
    ("194LBCQ", "13208", "CDD", 35, {"weekend"}),  # 13055 + postal code 13008
    ("194MDRA", "13005", "MIS", 30, {"weekend"}),  # label "13 - AUBAGNE" only
    ("194NFSU", "13117", "CDD", 35, {"night", "weekend"}),
    ("194PGTL", "13001", "ALT", 35, set()),  # apprenticeship
    ("194QHVZ", "13004", "IAE", 26, set()),  # CDD d'insertion
    ("194RJWE", "13097", "SAI", 39, {"early_morning"}),  # postal code 13310 only
    ("194SKXD", "13063", "CDI", 35, {"early_morning"}),  # CDI intérimaire, 2x8
    ("194TLYF", "13028", "CDI", 28, set()),
    ("194WNAH", "13056", "MIS", 35.5, set()),  # 35H30
])
def test_france_travail_fields_map_to_the_exchange_format(offer_id, commune, contract, hours,
                                                          flags):
    offer = by_id(parse_offers(FT_SAMPLE, "francetravail"))[offer_id]
    assert offer["commune"] == commune
    assert offer["contract"] == contract
    assert offer["hours_per_week"] == hours
    assert {flag for flag, on in offer["schedule"].items() if on} == flags


def test_france_travail_licence_vehicle_employer_and_extras():
    offers = by_id(parse_offers(FT_SAMPLE, "francetravail"))
    assert offers["194NFSU"]["requires_driving_licence"] is True  # exigence "E"
    assert offers["194SKXD"]["requires_driving_licence"] is True  # "B - Véhicule léger Exigé"
    assert offers["194RJWE"]["requires_driving_licence"] is False  # souhaité only
    assert offers["194TLYF"]["requires_vehicle"] is True
    assert offers["194TLYF"]["employer"] is None  # anonymous offer
    assert offers["194MDRA"]["rome_code"] is None  # left for inference
    first = offers["194KXMT"]
    assert first["employer"] == {"name": "NET PROVENCE SERVICES", "siret": None}
    assert first["positions"] == 2
    assert first["skills"] == ["Nettoyer des surfaces", "Utiliser des produits d'entretien"]
    assert first["qualities"] == ["Rigueur", "Travail en équipe"]
    assert first["salary"] == "Horaire de 11.88 Euros sur 12 mois"
    assert first["created_on"] == "2026-11-16"
    assert first["source"]["reference"] == "194KXMT"
    assert first["source"]["url"].endswith("/detail/194KXMT")


@pytest.mark.parametrize(("label", "hours"), [
    ("35H Horaires normaux", 35), ("35 H  Horaires normaux", 35),
    ("24H/semaine\nTravail en journée", 24), ("35H30 Travail en journée", 35.5),
    ("151H67/mois", 35), ("Travail en journée", None), (None, None),
])
def test_hours_per_week_from_the_working_time_label(label, hours):
    assert hours_per_week(label) == hours


@pytest.mark.parametrize(("raw", "flags"), [
    ({"complementExercice": "Travail en 3x8"}, {"night", "early_morning"}),
    ({"dureeTravailLibelle": "35H Travail du lundi au samedi"}, {"weekend"}),
    ({"conditionExercice": "Horaires coupés, début à 5h30"}, {"split_shift", "early_morning"}),
    ({"contexteTravail": {"horaires": "Travail de nuit"}}, {"night"}),
    ({"dureeTravailLibelle": "24H Horaires normaux", "description": "Travail le week-end"},
     set()),
])
def test_schedule_hints_read_the_working_time_texts_only(raw, flags):
    assert {flag for flag, on in schedule_hints(raw).items() if on} == flags


@pytest.mark.parametrize(("fields", "contract"), [
    ({"typeContrat": "DDT"}, "CDD"),
    ({"typeContrat": "TTI"}, "IAE"),
    ({"typeContrat": "CDD", "natureContrat": "Cont. professionnalisation"}, "ALT"),
    ({"typeContrat": "CDD", "natureContrat": "CUI - CAE"}, "PEC"),
])
def test_france_travail_contract_codes(fields, contract):
    assert parse_offers(ft_payload(**fields), "francetravail").records[0].data["contract"] == (
        contract)


@pytest.mark.parametrize(("fields", "line"), [
    ({"typeContrat": "LIB"}, "champ « typeContrat » : offre non salariée (profession libérale)"),
    ({"typeContrat": "XYZ"}, "champ « typeContrat » : type de contrat « XYZ » inconnu"),
    ({"lieuTravail": {"codePostal": "13790"}},
     ("champ « lieuTravail.codePostal » : code postal « 13790 » commun à plusieurs communes "
     "(Châteauneuf-le-Rouge, Peynier, Rousset)")),
    ({"lieuTravail": {"commune": "13999"}},
     "champ « lieuTravail.commune » : commune inconnue « 13999 »"),
    ({"romeCode": "K9999"}, "champ « romeCode » : code ROME inconnu « K9999 »"),
    ({"intitule": None}, "champ « intitule » : champ obligatoire manquant"),
    ({"dureeTravailLibelle": "60H Horaires normaux"},
     "champ « dureeTravailLibelle » : doit être compris entre 1 et 48, reçu 60"),
])
def test_france_travail_bad_records_are_reported_with_their_field(fields, line):
    result = parse_offers(ft_payload(**fields), "francetravail")
    assert result.records == []
    assert line in result.report.problem_lines()[0]
    assert result.report.problem_lines()[0].startswith("enregistrement 1 (id 200AAAA), ")


def test_france_travail_bare_list_and_non_object_records():
    stream = io.BytesIO(json.dumps([json.loads(ft_payload().getvalue())["resultats"][0], 42])
                        .encode())
    result = parse_offers(stream, "francetravail")
    assert result.report.summary() == "lus : 2, convertis : 1, rejetés : 1"
    assert result.report.problem_lines() == ["enregistrement 2 : une offre doit être un objet JSON"]


# --- CSV --------------------------------------------------------------------------------

def test_csv_sample_converts_every_row():
    result = parse_offers(CSV_SAMPLE, "csv")
    assert result.report.summary() == "lus : 6, convertis : 6, rejetés : 0"
    offers = by_id(result)
    assert [r.line for r in result.records] == [2, 3, 5, 6, 7, 8]  # row 3 spans two lines
    assert offers["O-2026-0001"]["employer"] == {"name": "Net Provence Services",
                                                 "siret": "45218739600018"}
    assert offers["O-2026-0001"]["schedule"] == {"night": False, "weekend": False,
                                                 "early_morning": True, "split_shift": True}
    assert offers["O-2026-0002"]["start_date"] == "2026-12-07"
    assert offers["O-2026-0002"]["description"].endswith("le samedi matin")
    assert offers["O-2026-0003"]["hours_per_week"] == 28  # "28 h"
    assert offers["O-2026-0003"]["start_date"] == "2027-01-04"
    assert offers["O-2026-0004"]["rome_code"] is None
    assert offers["O-2026-0004"]["contract"] == "MIS"  # "intérim"
    assert offers["O-2026-0006"]["contract"] == "CLAUSE"  # "clause sociale"
    assert offers["O-2026-0005"]["immersion_possible"] is True


@pytest.mark.parametrize("line", [
    "ligne 3 (réf. O-ERR-02), colonne « commune_insee » : commune inconnue « 13999 »",
    "ligne 4 (réf. O-ERR-03), colonne « date_debut » : date « 31/02/2027 » impossible",
    "ligne 5 (réf. O-ERR-04), colonne « nuit » : « peut-être » n'est ni oui ni non",
    ("ligne 6 (réf. O-ERR-05), colonne « siret » : SIRET « 45218739600019 » invalide : "
    "clé de contrôle fausse (faute de frappe ?)"),
    ("ligne 7 (réf. O-ERR-06), colonne « heures_semaine » : doit être compris entre 1 et 48, "
    "reçu 60"),
    "ligne 8 (réf. O-ERR-07), colonne « code_rome » : code ROME inconnu « K9999 »",
    "ligne 9 (réf. O-ERR-08), colonne « intitule » : champ obligatoire manquant",
    ("ligne 10 (réf. O-ERR-01), colonne « reference » : identifiant « O-ERR-01 » déjà utilisé "
    "ligne 2"),
    ("ligne 11 (réf. O-ERR-10), colonne « contrat » : valeur « CDX » inconnue (valeurs admises : "
    "CDI, CDD, MIS, SAI, ALT, PEC, IAE, CLAUSE, PMSMP)"),
    "ligne 12 (réf. O-ERR-11) : 18 cellules pour 17 colonnes : un point-virgule en trop ?",
])
def test_csv_bad_rows_are_reported_with_line_and_column(line):
    result = parse_offers(DATA / "offres_erreurs.csv", "csv")
    assert line in result.report.problem_lines()


def test_csv_bad_rows_file_keeps_only_the_good_row():
    result = parse_offers(DATA / "offres_erreurs.csv", "csv")
    assert [r.external_id for r in result.records] == ["O-ERR-01"]
    assert result.report.summary() == "lus : 11, convertis : 1, rejetés : 10"


def test_csv_with_bom_crlf_and_excel_headers_reads_like_plain_utf8():
    plain = parse_offers(CSV_SAMPLE, "csv").exchange_dicts()
    text = CSV_SAMPLE.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    header = header.replace("commune_insee", "Commune INSEE").replace("week_end", "Week-end")
    excel = ("\ufeff" + header + "\n" + rest).replace("\n", "\r\n").encode("utf-8")
    assert parse_offers(io.BytesIO(excel), "csv").exchange_dicts() == plain


def test_csv_in_windows_1252_as_french_excel_writes_it_is_read():
    data = f"{CSV_HEADER}\nO-1;Employé de ménage;K2204;13004;CDI;20\n".encode("cp1252")
    assert parse_offers(io.BytesIO(data), "csv").exchange_dicts()[0]["title"] == "Employé de ménage"


def test_csv_commune_by_name_or_postal_code():
    stream = csv_bytes("O-1;Agent;K2204;Marseille 5e;CDI;20", "O-2;Agent;K2204;13400;CDI;20",
                       "O-3;Agent;K2204;13790;CDI;20",
                       header="reference;intitule;code_rome;commune;contrat;heures_semaine")
    result = parse_offers(stream, "csv")
    assert [r.data["commune"] for r in result.records] == ["13205", "13005"]
    assert result.report.problem_lines() == [
        ("ligne 4 (réf. O-3), colonne « commune » : code postal « 13790 » commun à plusieurs "
        "communes (Châteauneuf-le-Rouge, Peynier, Rousset) : indiquez plutôt commune_insee")
    ]


def test_csv_missing_column_refuses_the_file_and_unknown_columns_are_noted():
    with pytest.raises(ImportFileError, match="colonne obligatoire absente : intitule"):
        parse_offers(csv_bytes("O-1;13004", header="reference;commune_insee"), "csv")
    result = parse_offers(csv_bytes("O-1;Agent;K2204;13004;CDI;20;bleu",
                                    header=CSV_HEADER + ";couleur"), "csv")
    assert result.report.notes == ["colonne « couleur » ignorée (inconnue)"]
    assert result.report.converted == 1


# --- exchange JSON and round trips ------------------------------------------------------

@pytest.mark.parametrize(("sample", "fmt"), [(FT_SAMPLE, "francetravail"), (CSV_SAMPLE, "csv")])
def test_converted_offers_read_back_identically_as_exchange_json(sample, fmt):
    first = parse_offers(sample, fmt).exchange_dicts()
    stream = io.BytesIO(json.dumps({"offers": first}, ensure_ascii=False).encode("utf-8"))
    again = parse_offers(stream, "json")
    assert again.report.rejected == 0
    assert again.exchange_dicts() == first


def test_exchange_json_errors_name_the_record_and_field():
    offers = [{"id": "O-1", "title": "Agent", "commune": "13004", "contract": "CDJ"},
              {"title": "Sans identifiant", "commune": "13004"}]
    result = parse_offers(io.StringIO(json.dumps(offers)), "json")
    assert result.report.problem_lines() == [
        ("enregistrement 1 (id O-1), champ « contract » : valeur « CDJ » inconnue (valeurs "
        "admises : CDI, CDD, MIS, SAI, ALT, PEC, IAE, CLAUSE, PMSMP)"),
        "enregistrement 2, champ « id » : champ obligatoire manquant",
    ]


def test_unknown_format_and_unreadable_json_are_file_errors():
    with pytest.raises(ImportFileError, match="format « xml » inconnu"):
        parse_offers(CSV_SAMPLE, "xml")
    with pytest.raises(ImportFileError, match="JSON invalide ligne 1, colonne 13"):
        parse_offers(io.BytesIO(b'{"offers": [}'), "json")
    with pytest.raises(ImportFileError, match="fichier introuvable"):
        parse_offers(DATA / "absent.json", "json")


@pytest.mark.parametrize(("siret", "valid"), [
    ("45218739600018", True), ("452 187 396 00018", True), ("45218739600019", False),
    ("4521873960001", False), ("35600000000048", True), ("35600000049837", True),
])
def test_siret_check_digit(siret, valid):
    assert (siret_problem(siret) is None) is valid


def test_france_travail_postal_code_is_kept_as_a_finer_place():
    # Issue 14: Arles 13129 is Salin-de-Giraud, some 30 km from the town (13200).
    offer = by_id(parse_offers(ft_payload(lieuTravail={
        "libelle": "13 - Arles", "codePostal": "13129", "commune": "13004"}), "francetravail"))["200AAAA"]
    assert (offer["commune"], offer["postal_code"]) == ("13004", "13129")
    offer = by_id(parse_offers(ft_payload(lieuTravail={"libelle": "13 - ARLES", "commune": "13004"}),
                               "francetravail"))["200AAAA"]
    assert offer["postal_code"] is None


def test_csv_postal_code_places_an_offer_inside_its_commune():
    stream = csv_bytes("O-1;Agent;K2204;13004;13129", "O-2;Agent;K2204;13004;",
                       "O-3;Agent;K2204;13004;13001", "O-4;Agent;K2204;13004;1312",
                       header="reference;intitule;code_rome;commune_insee;code_postal")
    result = parse_offers(stream, "csv")
    assert [(r.external_id, r.data["commune"], r.data.get("postal_code"))
            for r in result.records] == [("O-1", "13004", "13129"), ("O-2", "13004", None)]
    assert result.report.problem_lines() == [
        ("ligne 4 (réf. O-3), colonne « code_postal » : code postal « 13001 » hors de la commune "
        "Arles (13104, 13123, 13129, 13200, 13280)"),
        ("ligne 5 (réf. O-4), colonne « code_postal » : code postal « 1312 » invalide : "
        "5 chiffres attendus (ex. 13129)"),
    ]


def test_csv_commune_given_as_a_postal_code_keeps_it_as_the_finer_place():
    stream = csv_bytes("O-1;Agent;K2204;13129",
                       header="reference;intitule;code_rome;commune")
    [record] = parse_offers(stream, "csv").records
    assert (record.data["commune"], record.data["postal_code"]) == ("13004", "13129")
