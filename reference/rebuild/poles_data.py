"""The ten pôles d'insertion and the commune lists they are built from (see docs/poles.md).

Sources: the PDI 2024-2026 gives the Marseille arrondissements of pôles I-V and names the
main communes of the others; the lists below complete them with the intercommunal
territories those names stand for. Allauch, Plan-de-Cuques and Septèmes-les-Vallons join the
pôle of the nearest Marseille arrondissement; any other commune listed nowhere (none today)
would join the pôle of the nearest listed commune or arrondissement (centroid to centroid).
"""

from __future__ import annotations

POLES: tuple[tuple[str, str, str], ...] = (
    ("I", "Pôle d'insertion Marseille I", "Marseille 1er, 5e, 6e et 7e arrondissements"),
    ("II", "Pôle d'insertion Marseille II", "Marseille 2e et 3e arrondissements"),
    ("III", "Pôle d'insertion Marseille III",
     "Marseille 4e, 8e, 9e, 10e, 11e et 12e arrondissements"),
    ("IV", "Pôle d'insertion Marseille IV", "Marseille 13e et 14e arrondissements"),
    ("V", "Pôle d'insertion Marseille V", "Marseille 15e et 16e arrondissements"),
    ("VI", "Pôle d'insertion Aix-Gardanne", "Pays d'Aix (hors Vitrolles), dont Aix et Gardanne"),
    ("VII", "Pôle d'insertion d'Arles", "Pays d'Arles, 29 communes"),
    ("VIII", "Pôle d'insertion Aubagne-La Ciotat",
     "Pays d'Aubagne et de l'Étoile, La Ciotat, Cassis et villages du nord"),
    ("IX", "Pôle d'insertion Istres-Martigues-Marignane-Vitrolles",
     "Istres-Ouest Provence, Pays de Martigues, Marignane, Vitrolles et Côte Bleue"),
    ("X", "Pôle d'insertion Salon-Berre",
     "17 communes, dont Salon-de-Provence, Berre-l'Étang et Rognac"),
)

MARSEILLE = "13055"

# (pôle, territory name, INSEE codes). Stated: the arrondissements (PDI headings, L2335-2828).
TERRITORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("I", "Marseille 1er, 5e, 6e, 7e", ("13201", "13205", "13206", "13207")),
    ("II", "Marseille 2e, 3e", ("13202", "13203")),
    ("III", "Marseille 4e, 8e-12e", ("13204", "13208", "13209", "13210", "13211", "13212")),
    ("IV", "Marseille 13e, 14e", ("13213", "13214")),
    ("V", "Marseille 15e, 16e", ("13215", "13216")),
    # Conseil de territoire du Pays d'Aix, less Vitrolles (named in pôle IX) and Pertuis (84).
    ("VI", "Pays d'Aix", (
        "13001", "13012", "13015", "13019", "13025", "13032", "13040", "13041", "13046",
        "13048", "13050", "13059", "13060", "13062", "13071", "13072", "13074", "13079",
        "13080", "13082", "13084", "13087", "13090", "13091", "13093", "13095", "13099",
        "13107", "13109", "13110", "13111", "13113", "13114", "13118",
    )),
    # ACCM + CA Terre de Provence + CC Vallée des Baux-Alpilles: the build checks this list
    # against the EPCI members in decoupage-administratif (29 communes, as `001` L23 says).
    ("VII", "Pays d'Arles", (
        "13004", "13006", "13010", "13011", "13017", "13018", "13027", "13034", "13036",
        "13038", "13045", "13052", "13057", "13058", "13061", "13064", "13065", "13066",
        "13067", "13068", "13076", "13083", "13089", "13094", "13096", "13097", "13100",
        "13108", "13116",
    )),
    # Conseil de territoire du Pays d'Aubagne et de l'Étoile (less Saint-Zacharie, Var) ...
    ("VIII", "Pays d'Aubagne et de l'Étoile", (
        "13005", "13007", "13013", "13016", "13020", "13030", "13031", "13042", "13070",
        "13073", "13086", "13101",
    )),
    # ... and the eastern coast of Marseille Provence: La Ciotat, Cassis and their neighbours.
    ("VIII", "La Ciotat, Cassis", ("13022", "13023", "13028", "13085", "13119")),
    # Conseil de territoire Istres-Ouest Provence.
    ("IX", "Istres-Ouest Provence", ("13029", "13039", "13044", "13047", "13063", "13078")),
    # Conseil de territoire du Pays de Martigues.
    ("IX", "Pays de Martigues", ("13056", "13077", "13098")),
    # Marignane, its neighbours and the Côte Bleue (Marseille Provence, west), and Vitrolles.
    ("IX", "Marignane, Côte Bleue, Vitrolles", (
        "13021", "13026", "13033", "13043", "13054", "13088", "13102", "13104", "13117",
    )),
    # Former CA Agglopole Provence (Pays salonais): 17 communes, as the PDI says (L3461-3462).
    ("X", "Pays salonais", (
        "13003", "13008", "13009", "13014", "13024", "13035", "13037", "13049", "13051",
        "13053", "13069", "13081", "13092", "13103", "13105", "13112", "13115",
    )),
)

# Marseille Provence communes north of Marseille that no document names: each joins the pôle
# of the nearest Marseille arrondissement (a guess, see docs/poles.md).
ATTACHED_TO_NEAREST_ARRONDISSEMENT = ("13002", "13075", "13106")

# EPCI whose members in the Bouches-du-Rhône make up the Pays d'Arles.
PAYS_D_ARLES_EPCI = ("241300417", "200035087", "241300375")
