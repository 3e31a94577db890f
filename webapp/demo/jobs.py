"""The jobs the demo territory hires for, in the sector mix of the domain brief (section 5)."""

from dataclasses import dataclass

# Share of each ROME grand domaine among offers and among the first job profiles seek.
# K, D, N and M come first with the brief's figures (23.08%, 14.63%, 10.59%, 9.48%).
SECTOR_SHARES: dict[str, float] = {
    "K": 0.23, "D": 0.15, "N": 0.11, "M": 0.09,
    "G": 0.08, "J": 0.08, "F": 0.07, "H": 0.07, "A": 0.06, "I": 0.06,
}


@dataclass(frozen=True)
class Shifts:
    """How likely an offer of this job asks for each kind of working hours."""

    night: float = 0.0
    weekend: float = 0.0
    early_morning: float = 0.0
    split_shift: float = 0.0


@dataclass(frozen=True)
class Job:
    """A job of the catalogue: its ROME code, everyday titles and what its offers tend to ask."""

    rome: str
    titles: tuple[str, ...]
    weight: float = 1.0
    shifts: Shifts = Shifts()
    licence: float = 0.0
    vehicle: float = 0.0
    part_time: float = 0.2

    @property
    def sector(self) -> str:
        return self.rome[0]


CLEANING = Shifts(early_morning=0.7, split_shift=0.5, weekend=0.15, night=0.05)
HOME_HELP = Shifts(weekend=0.5, split_shift=0.5, early_morning=0.3)
RETAIL = Shifts(weekend=0.7, early_morning=0.4, split_shift=0.2)
WAREHOUSE = Shifts(night=0.3, early_morning=0.6, weekend=0.15)
DRIVING = Shifts(night=0.2, early_morning=0.6, weekend=0.2)
OFFICE = Shifts(weekend=0.05)
KITCHEN = Shifts(weekend=0.8, split_shift=0.7, night=0.1)
HOTEL = Shifts(weekend=0.75, early_morning=0.5, night=0.1)
CARE = Shifts(weekend=0.7, early_morning=0.5, night=0.2, split_shift=0.2)
SITE = Shifts(early_morning=0.6)
INDUSTRY = Shifts(night=0.35, early_morning=0.5, weekend=0.2)

# Job(rome, titles, weight in its sector, shifts, licence, vehicle, part_time)
CATALOGUE: tuple[Job, ...] = (
    # K: services à la personne et à la collectivité
    # ROME 4.0: office cleaning is K2205; K2204 is now industrial cleaning.
    Job("K2205", ("Agent d'entretien de locaux H/F", "Agent de propreté de locaux H/F",
                  "Agent de nettoyage de bureaux H/F"), 5, CLEANING, part_time=0.5),
    Job("K2204", ("Agent de nettoyage industriel H/F",), 1, CLEANING, part_time=0.2),
    Job("K1302", ("Auxiliaire de vie H/F", "Aide à domicile H/F"), 4, HOME_HELP, 0.4, 0.3, 0.4),
    Job("K1304", ("Employé familial H/F", "Aide ménagère à domicile H/F"), 2,
        Shifts(weekend=0.1), 0.2, 0.1, 0.6),
    Job("K1303", ("Garde d'enfants à domicile H/F", "Garde d'enfants périscolaire H/F"), 1.5,
        Shifts(split_shift=0.4), part_time=0.8),
    Job("K2503", ("Agent de sécurité H/F", "Agent de sécurité SSIAP 1 H/F"), 2,
        Shifts(night=0.5, weekend=0.6)),
    Job("K1204", ("Médiateur social H/F", "Adulte-relais médiation H/F"), 0.8, Shifts(weekend=0.2)),
    Job("K2501", ("Gardien d'immeuble H/F",), 0.6, Shifts(early_morning=0.4)),
    Job("K2303", ("Ripeur H/F", "Agent de collecte des déchets H/F"), 0.8,
        Shifts(early_morning=0.8, weekend=0.3)),
    Job("K1306", ("Accompagnant éducatif et social H/F",), 0.8, CARE),
    # D: commerce, vente et grande distribution
    Job("D1507", ("Employé de libre-service H/F", "Employé de rayon H/F"), 4, RETAIL,
        part_time=0.4),
    Job("D1505", ("Hôte de caisse H/F", "Caissier H/F"), 3, RETAIL, part_time=0.6),
    Job("D1214", ("Vendeur en prêt-à-porter H/F",), 2, RETAIL, part_time=0.5),
    Job("D1106", ("Vendeur en boulangerie H/F", "Vendeur en épicerie H/F"), 1.5,
        Shifts(early_morning=0.7, weekend=0.7)),
    Job("D1212", ("Vendeur en magasin de bricolage H/F",), 1, RETAIL),
    Job("D1208", ("Esthéticienne H/F",), 0.6, Shifts(weekend=0.5)),
    # N: transport et logistique
    Job("N1103", ("Préparateur de commandes H/F",), 3, WAREHOUSE),
    Job("N1105", ("Manutentionnaire H/F",), 2, WAREHOUSE),
    Job("N1101", ("Cariste CACES 1-3-5 H/F", "Cariste H/F"), 1.5, WAREHOUSE),
    Job("N4105", ("Chauffeur-livreur VL H/F", "Livreur H/F"), 2, DRIVING, 1.0, 0.2),
    Job("N4101", ("Chauffeur poids lourd H/F",), 1, DRIVING, 1.0),
    Job("N4103", ("Conducteur de bus H/F",), 1,
        Shifts(early_morning=0.6, weekend=0.6, split_shift=0.6), 1.0),
    Job("N1102", ("Déménageur H/F",), 0.6, Shifts(early_morning=0.4), 0.3),
    Job("N1113", ("Préparateur au drive H/F",), 0.8, RETAIL, part_time=0.5),
    Job("N2201", ("Agent d'escale aéroport H/F",), 0.5,
        Shifts(early_morning=0.7, weekend=0.7, night=0.2)),
    # M: support à l'entreprise
    Job("M1601", ("Agent d'accueil H/F", "Hôte d'accueil H/F"), 3, OFFICE, part_time=0.3),
    Job("M1602", ("Agent administratif H/F", "Assistant administratif H/F"), 2.5, OFFICE),
    Job("M1607", ("Secrétaire H/F",), 1.5, OFFICE),
    Job("M1609", ("Secrétaire médicale H/F",), 1, OFFICE),
    Job("M1614", ("Standardiste H/F",), 0.6, OFFICE),
    Job("M1606", ("Opérateur de saisie H/F",), 0.6, OFFICE),
    Job("M1615", ("Distributeur de prospectus H/F",), 0.6, Shifts(early_morning=0.4),
        part_time=0.9),
    # G: hôtellerie-restauration
    Job("G1602", ("Commis de cuisine H/F",), 2, KITCHEN),
    Job("G1803", ("Serveur H/F", "Serveur en brasserie H/F"), 2, KITCHEN),
    Job("G1603", ("Équipier polyvalent de restauration rapide H/F",), 2,
        Shifts(weekend=0.8, split_shift=0.3, night=0.2), part_time=0.6),
    Job("G1605", ("Plongeur H/F",), 1.5, KITCHEN),
    Job("G1501", ("Femme de chambre / Valet de chambre H/F",), 1.5, HOTEL, part_time=0.4),
    Job("G1703", ("Réceptionniste H/F",), 1, HOTEL),
    Job("G1607", ("Employé de restauration collective H/F",), 1, Shifts(early_morning=0.5)),
    # J: santé
    Job("J1501", ("Aide-soignant H/F",), 3, CARE),
    Job("J1301", ("Agent de service hospitalier (ASH) H/F", "ASH en EHPAD H/F"), 3, CARE),
    Job("J1308", ("Brancardier H/F",), 0.8, CARE),
    Job("J1310", ("Auxiliaire ambulancier H/F",), 0.8, CARE, 1.0),
    # F: bâtiment et travaux publics
    Job("F1704", ("Manœuvre bâtiment H/F", "Aide-maçon H/F"), 2.5, SITE),
    Job("F1703", ("Maçon H/F",), 1.5, SITE),
    Job("F1702", ("Ouvrier VRD H/F", "Ouvrier en voirie H/F"), 1.5, SITE),
    Job("F1606", ("Peintre en bâtiment H/F",), 1, SITE),
    Job("F1604", ("Plaquiste H/F",), 0.8, SITE),
    # H: industrie
    Job("H3302", ("Agent de conditionnement H/F",), 2, INDUSTRY),
    Job("H2105", ("Agent de production agroalimentaire H/F",), 2, INDUSTRY),
    Job("H2909", ("Monteur-assembleur aéronautique H/F",), 1, INDUSTRY),
    Job("H2913", ("Soudeur H/F",), 0.8, INDUSTRY),
    Job("H2304", ("Opérateur de fabrication chimie H/F",), 0.8, INDUSTRY),
    # A: espaces verts, agriculture
    Job("A1203", ("Agent d'entretien des espaces verts H/F", "Jardinier H/F"), 3, SITE),
    Job("A1419", ("Ouvrier agricole polyvalent H/F",), 1.5, Shifts(early_morning=0.7, weekend=0.2)),
    Job("A1433", ("Ouvrier maraîcher H/F",), 1, Shifts(early_morning=0.7)),
    Job("A1401", ("Cueilleur de fruits H/F",), 1, Shifts(early_morning=0.8)),
    Job("A1414", ("Ouvrier horticole H/F",), 0.8, Shifts(early_morning=0.5)),
    # I: installation et maintenance
    Job("I1203", ("Agent d'entretien du bâtiment H/F", "Agent de maintenance polyvalent H/F"), 3,
        Shifts(early_morning=0.3)),
    Job("I1604", ("Mécanicien automobile H/F",), 1.5, OFFICE),
    Job("I1611", ("Préparateur de véhicules H/F",), 1.5, OFFICE, 0.6),
    Job("I1602", ("Mécanicien avion H/F",), 0.5, INDUSTRY),
)


def available_catalogue(known_rome_codes: frozenset[str]) -> dict[str, tuple[Job, ...]]:
    """The catalogue's jobs whose ROME code is loaded, grouped by sector (grand domaine)."""
    by_sector: dict[str, tuple[Job, ...]] = {}
    for sector in SECTOR_SHARES:
        jobs = tuple(j for j in CATALOGUE if j.sector == sector and j.rome in known_rome_codes)
        if jobs:
            by_sector[sector] = jobs
    return by_sector


def everyday_title(job_title: str) -> str:
    """An offer title without its gender mark, as a person would say what they look for."""
    return job_title.removesuffix(" H/F")
