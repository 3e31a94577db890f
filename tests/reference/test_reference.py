"""The shipped reference data: counts, cross-references, validation messages, determinism."""

from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path

import pytest

from reference import (
    REFERENCE_DIR,
    ReferenceDataError,
    job_terms,
    load_communes,
    load_naf,
    load_naf_rome,
    load_pole_communes,
    load_poles,
    load_rome,
    load_rome_domains,
    load_synonyms,
    split_gendered_label,
)
from reference.rebuild import poles, rome, synonyms
from reference.rebuild.geometry import footprint, parse_wkb
from reference.rebuild.tables import render_csv

COMMUNES_HEADER = (
    "insee,name,kind,parent_insee,departement,postal_codes,population,area_km2,lat,lon"
)
AIX = "13001,Aix-en-Provence,commune,,13,13090 13100,149695,187.32,43.53616,5.39867"


@pytest.fixture(scope="module")
def communes():
    return load_communes()


@pytest.fixture(scope="module")
def rome_codes():
    return load_rome()


def test_rome_has_every_fiche_once_with_a_label(rome_codes):
    codes = [fiche.code for fiche in rome_codes]
    assert len(codes) == 1584
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    labels = {fiche.code: fiche.label for fiche in rome_codes}
    assert labels["K2205"] == "Agent / Agente de propreté de locaux"
    assert labels["N1105"] == "Manutentionnaire"


def test_every_rome_prefix_has_a_domain_label(rome_codes):
    domains = {domain.code: domain for domain in load_rome_domains()}
    grands = [domain for domain in domains.values() if domain.is_grand_domain]
    assert [domain.code for domain in grands] == list("ABCDEFGHIJKLMN")
    for fiche in rome_codes:
        assert fiche.grand_domain_code in domains
        assert fiche.domain_code in domains
    assert domains["K"].label == "Services à la personne et à la collectivité"
    assert domains["K22"].label == "Nettoyage et propreté industriels"
    assert len(domains) == 14 + len({fiche.domain_code for fiche in rome_codes})


def test_synonyms_point_at_existing_codes(rome_codes):
    known = {fiche.code for fiche in rome_codes}
    entries = load_synonyms()
    terms = {entry.term for entry in entries}
    assert 120 <= len(terms) <= 400
    assert {entry.rome_code for entry in entries} <= known
    by_term = {entry.term: entry.rome_code for entry in entries}
    assert by_term["ASH"] == "J1301"
    assert by_term["Mise en rayon libre-service"] == "D1507"
    assert by_term["Services domestiques"] == "K1304"
    for term in (
        "femme de ménage",
        "auxiliaire de vie",
        "plongeur",
        "cariste",
        "caissier",
        "agent de sécurité",
        "chauffeur livreur",
        "manœuvre",
        "assistante maternelle",
    ):
        assert term in terms


def test_communes_of_the_bouches_du_rhone(communes):
    in_13 = [commune for commune in communes if commune.departement == "13"]
    kinds = Counter(commune.kind for commune in in_13)
    assert kinds == {"commune": 119, "arrondissement": 16}
    arrondissements = [commune for commune in in_13 if commune.kind == "arrondissement"]
    assert [a.insee for a in arrondissements] == [f"132{n:02d}" for n in range(1, 17)]
    assert {a.parent_insee for a in arrondissements} == {"13055"}
    marseille = next(commune for commune in in_13 if commune.insee == "13055")
    assert marseille.kind == "commune" and marseille.parent_insee is None
    # The arrondissements tile Marseille: areas and populations add up.
    assert sum(a.area_km2 for a in arrondissements) == pytest.approx(marseille.area_km2, rel=0.01)
    assert sum(a.population for a in arrondissements) == pytest.approx(
        marseille.population, rel=0.01
    )


def test_every_commune_has_coordinates_and_an_area(communes):
    assert {commune.departement for commune in communes} == {"04", "13", "30", "83", "84"}
    assert len({commune.insee for commune in communes}) == len(communes)
    for commune in communes:
        assert 42.9 < commune.lat < 45.2 and 3.2 < commune.lon < 7.1, commune
        assert commune.area_km2 > 0 and commune.density >= 0
        assert all(len(code) == 5 for code in commune.postal_codes)


def test_footprint_of_a_square_with_a_hole():
    square = [(5.0, 43.0), (5.1, 43.0), (5.1, 43.1), (5.0, 43.1), (5.0, 43.0)]
    hole = [(5.0, 43.0), (5.0, 43.05), (5.05, 43.05), (5.05, 43.0), (5.0, 43.0)]
    wkb = struct.pack("<BII", 1, 3, 2)
    for ring in (square, hole):
        wkb += struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring)
    shape = footprint(parse_wkb(wkb))
    degree_km = 6371.0088 * 3.141592653589793 / 180
    full = (0.1 * degree_km) ** 2 * 0.7309  # cos(43.05°)
    assert shape.area_km2 == pytest.approx(full * 0.75, rel=0.001)
    # Removing the south-west quarter moves the centroid north-east of the centre.
    assert shape.lat == pytest.approx(43.05 + 0.05 / 6, abs=1e-4)
    assert shape.lon == pytest.approx(5.05 + 0.05 / 6, abs=1e-3)


def test_each_commune_of_the_13_belongs_to_exactly_one_pole(communes):
    pole_codes = [pole.code for pole in load_poles()]
    assert pole_codes == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    rows = load_pole_communes()
    assert len(rows) == 134
    expected = {c.insee for c in communes if c.departement == "13" and c.insee != "13055"}
    assert {row.insee for row in rows} == expected
    assert {row.pole_code for row in rows} == set(pole_codes)
    pole_of = {row.insee: row.pole_code for row in rows}
    counts = Counter(pole_of.values())
    assert counts["VII"] == 29 and counts["X"] == 17
    assert [pole_of[f"132{n:02d}"] for n in range(1, 17)] == [
        "I",
        "II",
        "II",
        "III",
        "I",
        "I",
        "I",
        "III",
        "III",
        "III",
        "III",
        "III",
        "IV",
        "IV",
        "V",
        "V",
    ]
    named = {
        "13001": "VI",
        "13041": "VI",
        "13004": "VII",
        "13005": "VIII",
        "13028": "VIII",
        "13022": "VIII",
        "13047": "IX",
        "13056": "IX",
        "13054": "IX",
        "13117": "IX",
        "13039": "IX",
        "13077": "IX",
        "13103": "X",
        "13014": "X",
        "13081": "X",
    }
    assert {insee: pole_of[insee] for insee in named} == named


def _shipped(name: str) -> str:
    return (REFERENCE_DIR / name).read_text(encoding="utf-8")


def test_derived_files_are_rebuilt_identically(communes, rome_codes):
    rome_rows = [[fiche.code, fiche.label] for fiche in rome_codes]
    codes = {fiche.code for fiche in rome_codes}
    builds = {
        "pole_communes.csv": lambda: render_csv(
            poles.POLE_COMMUNES_HEADER, poles.build_pole_commune_rows(communes)
        ),
        "poles.csv": lambda: render_csv(poles.POLES_HEADER, poles.build_pole_rows()),
        "rome_synonyms.csv": lambda: render_csv(
            synonyms.SYNONYMS_HEADER, synonyms.build_synonym_rows(codes)
        ),
        "rome_domains.csv": lambda: render_csv(
            rome.DOMAINS_HEADER, rome.build_domain_rows(rome_rows)
        ),
    }
    for name, build in builds.items():
        first, second = build(), build()
        assert first == second == _shipped(name), name


def test_naf_divisions_and_their_rome_codes(rome_codes):
    naf = {entry.code: entry.label for entry in load_naf()}
    assert len(naf) == 88
    assert naf["03"] == "Pêche et aquaculture"
    assert naf["81"] == "Services relatifs aux bâtiments et aménagement paysager"
    pairs = load_naf_rome()
    assert {pair.naf_division for pair in pairs} <= set(naf)
    assert {pair.rome_code for pair in pairs} <= {fiche.code for fiche in rome_codes}
    assert ("81", "K2205") in {(pair.naf_division, pair.rome_code) for pair in pairs}


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("K2205", ("Agent de propreté de locaux", "Agente de propreté de locaux")),
        ("J1501", ("Aide-soignant", "Aide-soignante")),
        ("G1204", ("Educateur sportif", "Educatrice sportive")),
        ("M1611", ("Secrétaire Facturier", "Secrétaire Facturière")),
        (
            "K1401",
            (
                "Cadre Dirigeant d'administration centrale",
                "Cadre Dirigeante d'administration centrale",
            ),
        ),
        (
            "M1828",
            (
                "Chef de projet (Project Management Officer)",
                "Cheffe de projet (Project Management Officer)",
            ),
        ),
        (
            "K1306",
            ("Accompagnant Educatif et Social (AES)", "Accompagnante Educative et Sociale (AES)"),
        ),
        ("N1101", None),
        ("B1607", None),  # "Lapidaire / Diamantaire": two trades, not two genders
        ("J1104", None),  # "Homme sage-femme / Sage-femme": no word changes gender
    ],
)
def test_masculine_and_feminine_forms_of_real_labels(rome_codes, code, forms):
    labels = {fiche.code: fiche.label for fiche in rome_codes}
    assert split_gendered_label(labels[code]) == forms


def test_job_terms_cover_labels_forms_and_synonyms(rome_codes):
    terms = job_terms(rome_codes, load_synonyms())
    keys = [(term.term.casefold(), term.rome_code) for term in terms]
    assert len(keys) == len(set(keys))
    kinds = Counter(term.kind for term in terms)
    assert kinds["label"] == len(rome_codes)
    assert kinds["masculine"] == kinds["feminine"] > 1200
    assert kinds["synonym"] > 200
    found = {(term.term, term.rome_code, term.kind) for term in terms}
    assert ("Agente de propreté de locaux", "K2205", "feminine") in found
    assert ("femme de ménage", "K1304", "synonym") in found
    # A synonym equal to a label is listed once, as the label.
    assert ("Plaquiste", "F1604", "label") in found
    assert ("plaquiste", "F1604", "synonym") not in found


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [COMMUNES_HEADER, AIX, AIX.replace("13001", "13002").replace("43.53616", "abc")],
            "communes.csv, ligne 3 : latitude « abc » invalide",
        ),
        (
            [COMMUNES_HEADER, AIX, AIX],
            "communes.csv, ligne 3 : code INSEE « 13001 » en double (déjà ligne 2)",
        ),
        (
            [COMMUNES_HEADER, AIX.replace(",commune,,", ",arrondissement,,")],
            "communes.csv, ligne 2 : commune parente vide pour un arrondissement",
        ),
        (
            [COMMUNES_HEADER, AIX.replace(",5.39867", ",75.4")],
            "communes.csv, ligne 2 : longitude « 75.4 » invalide (attendu entre -5.5 et 10)",
        ),
        (
            [COMMUNES_HEADER, AIX.replace(",149695,", ",-3,")],
            "communes.csv, ligne 2 : population « -3 » invalide",
        ),
        (
            [COMMUNES_HEADER, AIX, "13002,Allauch"],
            "communes.csv, ligne 3 : 2 colonnes au lieu de 10",
        ),
        (
            ["insee,nom", AIX],
            "communes.csv, ligne 1 : en-tête « insee,nom » au lieu de « " + COMMUNES_HEADER + " »",
        ),
    ],
)
def test_a_broken_communes_row_names_file_line_and_reason(tmp_path, lines, message):
    path = _write(tmp_path, "communes.csv", lines)
    with pytest.raises(ReferenceDataError) as error:
        load_communes(path)
    assert str(error.value) == message


def test_a_broken_rome_row_names_file_line_and_reason(tmp_path):
    path = _write(tmp_path, "rome.csv", ["code,label", "K2204,Agent", "K22O5,Agent"])
    with pytest.raises(
        ReferenceDataError, match="^rome.csv, ligne 3 : code ROME « K22O5 » invalide$"
    ):
        load_rome(str(path))
    empty = _write(tmp_path, "rome_synonyms.csv", ["term,rome_code", ",K2204"])
    with pytest.raises(ReferenceDataError, match="^rome_synonyms.csv, ligne 2 : terme vide$"):
        load_synonyms(empty)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(ReferenceDataError, match="^poles.csv : fichier introuvable"):
        load_poles(tmp_path / "poles.csv")


def test_appellations_are_the_official_job_titles(rome_codes):
    from reference import load_appellations

    titles = load_appellations()
    codes = {fiche.code for fiche in rome_codes}
    assert len(titles) == 13_120
    assert {t.rome_code for t in titles} == codes  # every code has at least one title
    by_label = {t.label: t.rome_code for t in titles}
    assert by_label["Aide à domicile"] == "K1304"
    assert by_label["Plongeur / Plongeuse en restauration"] == "G1605"
    assert by_label["Chef d'équipe plombier / Cheffe d'équipe plombière"] == "F1206"


def test_appellation_rows_keep_the_long_label_and_check_the_code():
    from reference.rebuild import appellations

    header = ('"code_ogr","libelle_appellation_long","libelle_appellation_court","code_rome",'
              '"classification","code_rome_parent","peu_usite"\n')
    data = (header + '"20","Berger / Bergère","Berger(e)","A1410","SYNONYME","A1410","N"\n'
            '"3","Plongeur  /  Plongeuse en restauration","Plongeur(se)","G1605","SYNONYME",'
            '"G1605","N"\n').encode()
    rows = appellations.build_appellation_rows(data, {"A1410", "G1605"})
    assert rows == [["3", "Plongeur / Plongeuse en restauration", "G1605"],
                    ["20", "Berger / Bergère", "A1410"]]
    with pytest.raises(ValueError, match="A1410"):
        appellations.build_appellation_rows(data, {"G1605"})


def test_official_domain_labels_win_unless_only_accents_differ():
    from reference.rebuild import appellations

    data = ('"code_rome","libelle_rome","code_grand_domaine","libelle_grand_domaine",'
            '"code_domaine_professionel","libelle_domaine_professionel"\n'
            '"F1603","Plombier","F","Construction, Bâtiment et Travaux publics","F16",'
            '"Second oeuvre"\n'
            '"G1501","Femme de chambre","G","Hôtellerie","G15","Personnel d\'étage en hôtellerie"\n'
            ).encode()
    kept = {"F": "Construction, bâtiment et travaux publics", "F16": "Second œuvre",
            "G15": "Personnel d'étage"}
    assert appellations.official_domain_labels(data, kept) == {
        "F": "Construction, bâtiment et travaux publics", "F16": "Second œuvre",
        "G": "Hôtellerie", "G15": "Personnel d'étage en hôtellerie"}


def test_a_broken_appellation_row_names_file_line_and_reason(tmp_path):
    from reference import load_appellations

    path = tmp_path / "appellations.csv"
    path.write_text("code_ogr,label,rome_code\n10200,Abatteur,F1402\n10201,Accastilleur,Z99\n",
                    encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"appellations.csv, ligne 3 : code ROME « Z99 »"):
        load_appellations(path)
