"""Word lists for the demo: every person and company name they build is invented."""

# Staff and company contacts are named "First Démo-Last": obviously not a real person.
STAFF_FIRST_NAMES = (
    "Camille", "Sacha", "Dominique", "Claude", "Lou", "Morgan", "Alix", "Charlie", "Maxime",
    "Noa", "Eden", "Sasha", "Andrea", "Ange", "Gaël", "Jules", "Louison", "Marion", "Robin",
    "Yannick", "Élie", "Sandy", "Loïc", "Mathis", "Inès", "Nadia", "Karim", "Sofia", "Malik",
    "Léna", "Rayan", "Chloé", "Hugo", "Amel", "Théo", "Zoé", "Bilal", "Manon", "Youssef",
    "Clara", "Lucas", "Jade", "Anis", "Emma", "Samir", "Lina",
)
STAFF_LAST_NAMES = (
    "Martin", "Bernard", "Rinaldi", "Garcia", "Benali", "Nguyen", "Roux", "Fabre", "Lopez",
    "Mercier", "Blanc", "Guerin", "Mendy", "Costa", "Ferrand", "Pastor", "Aubert", "Sanchez",
    "Hamidi", "Brun", "Vidal", "Girard", "Moreau", "Caron", "Diallo", "Perrin", "Rossi",
    "Lambert", "Faure", "Marchetti", "Bonnet", "Haddad", "Colin", "Arnaud", "Rey", "Leroy",
    "Chevalier", "Ortiz", "Barbier", "Meunier", "Kone", "Giraud", "Santoni", "Picard",
)

# Beneficiary labels are a first name plus an initial ("Yasmine B."): pseudonymous by design.
BENEFICIARY_FIRST_NAMES = (
    "Yasmine", "Fatou", "Nadia", "Aïcha", "Sonia", "Mélissa", "Karima", "Sabrina", "Leïla",
    "Samia", "Naïma", "Chantal", "Sylvie", "Nathalie", "Valérie", "Sandrine", "Laetitia",
    "Stéphanie", "Christelle", "Aurélie", "Jessica", "Kelly", "Océane", "Maéva", "Anissa",
    "Djamila", "Houria", "Mariama", "Aminata", "Binta", "Oumou", "Rokia", "Nour", "Salma",
    "Zohra", "Farida", "Rachida", "Malika", "Hanane", "Sarah", "Linda", "Patricia", "Isabelle",
    "Ana", "Maria", "Elena", "Irina", "Olga", "Tatiana", "Mihaela", "Ioana", "Ayşe", "Elif",
    "Mohamed", "Karim", "Mehdi", "Rachid", "Nordine", "Samir", "Sofiane", "Bilal", "Youssef",
    "Hakim", "Farid", "Djamel", "Mourad", "Nabil", "Omar", "Walid", "Abdel", "Moussa",
    "Mamadou", "Ibrahima", "Ousmane", "Seydou", "Boubacar", "Cheikh", "Issa", "Saïd",
    "Jean", "Patrick", "Thierry", "Christophe", "Frédéric", "Laurent", "Stéphane", "Olivier",
    "Pascal", "Éric", "David", "Julien", "Kevin", "Anthony", "Jordan", "Dylan", "Enzo",
    "Lucas", "Nicolas", "Franck", "Gilles", "Hervé", "Alain", "Michel", "Bruno", "Marco",
    "Antonio", "José", "Manuel", "Ahmet", "Mehmet", "Vasile", "Ion", "Andrei", "Dimitri",
    "Arman", "Tigran", "Linh", "Minh", "Kamal", "Anouar", "Ilyes", "Yanis", "Rayan",
)
INITIALS = "ABCDEFGHIJKLMNOPRSTVZ"

# Company names are built from invented words and always end with "(fictif)".
COMPANY_WORDS = (
    "Calanquette", "Mistralys", "Garrigo", "Cigalon", "Pastelune", "Santonia", "Restanco",
    "Olivella", "Farigoule", "Lavandor", "Cabanou", "Bouscarle", "Massilor", "Rocasse",
    "Pinedo", "Estelune", "Sablon Bleu", "Roubine", "Grand Large", "Micocoule", "Tramontin",
    "Aiguebelle", "Capelan", "Sansouire", "Belvédo", "Marinette", "Azurine", "Calisson d'Or",
    "Fenouillet", "Cyprès Vert", "Soleiado", "Bastidou", "Plan Clair", "Vallonet", "Rascasse",
    "Sardinelle", "Flamant Rose", "Canebiérette", "Garlaban", "Étoile Fine", "Roucas",
    "Ventoulet", "Pointu", "Gabian", "Lèbre", "Camarguette", "Salicorne", "Alpilou",
)
COMPANY_SUFFIXES = ("", "", "", " SARL", " SAS", " & Fils", " Services", " Provence", " 13")

STREET_NAMES = (
    "rue des Cigales", "avenue du Mistral", "chemin des Restanques", "boulevard des Oliviers",
    "allée des Micocouliers", "rue du Vieux Four", "avenue des Santons", "traverse des Lavandes",
    "rue des Calanques", "impasse des Pins", "zone d'activités des Garrigues",
    "parc d'activités du Grand Vallon", "rue de la Fontaine Fraîche", "chemin des Amandiers",
    "avenue de la Mer Bleue", "rue des Tuileries", "quai des Pêcheurs", "rue du Marché Neuf",
)

CONTACT_ROLES = (
    "Gérant·e", "Responsable des ressources humaines", "Responsable d'exploitation",
    "Directeur·rice d'agence", "Chargé·e de recrutement", "Responsable de magasin",
    "Chef·fe d'équipe", "Assistant·e de direction",
)
