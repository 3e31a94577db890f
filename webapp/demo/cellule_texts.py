"""Invented sentences for the demo cellules: AEs' notes, decisions, actions and events."""

WISHES = (
    "Un poste en journée, près de chez elle, pour commencer rapidement.",
    "Reprendre un emploi dans son ancien métier, à temps partiel d'abord.",
    "Un CDI dans la restauration collective, horaires du matin.",
    "Découvrir le métier en immersion avant de s'engager.",
    "Un poste en équipe, accessible en bus, pas de travail de nuit.",
    "Un contrat d'au moins six mois pour stabiliser sa situation.",
)
VOUCHING = (
    "Ponctuelle et motivée, a suivi l'atelier de préparation aux entretiens.",
    "Très à l'aise avec le public ; expérience solide dans le métier.",
    "Sérieux et disponible immédiatement ; références d'un ancien employeur.",
    "Assidue dans son accompagnement depuis un an, prête à reprendre.",
    "Bonne présentation, permis B en cours de finalisation.",
    "A réussi une immersion de deux semaines l'an dernier dans le secteur.",
)
DECISIONS = (
    "Présenter en priorité aux employeurs de la restauration du territoire.",
    "Proposer d'abord une immersion avant une candidature.",
    "Viser les offres à temps partiel du matin.",
    "Présenter aux entreprises adhérentes du Club des entreprises.",
)
ACTIONS = (
    "Appeler l'employeur pour caler la date d'entretien.",
    "Transmettre la carte du profil aux deux hôtels du secteur.",
    "Vérifier avec la personne ses disponibilités du samedi.",
    "Relancer l'entreprise qui n'a pas répondu à la carte envoyée.",
    "Préparer la convention d'immersion avec l'entreprise.",
    "Faire le point avec l'accompagnateur après l'entretien.",
)
GENERAL_ACTIONS = (
    "Diffuser aux partenaires la liste des offres mises en commun.",
    "Recenser les entreprises à inviter au prochain job dating.",
    "Mettre à jour le plan de prospection partagé avant la prochaine séance.",
)
# (type, title, ROME grand domain)
EVENTS = (
    ("forum", "Forum de l'emploi de proximité", ""),
    ("job_dating", "Job dating hôtellerie-restauration", "G"),
    ("company_visit", "Visite d'une plateforme logistique", "N"),
    ("information", "Réunion d'information sur les métiers du soin", "J"),
    ("rallye", "Rallye entreprises du territoire", ""),
    ("job_dating", "Job dating services à la personne", "K"),
)
