"""The kinds added for the rest of the issue: the needs' and immersions' events, the cellule's
assignments, prospection, invitations, the reminders on a schedule and the monthly summary.

Same rules as kinds.py: an employer's texts name the job and a number, never a person; an
AE's name the person by label only; the direction's summary holds figures only, masked by the
small-cell rule before they reach the text."""

from webapp.notifications.kind import Kind

EMPLOYER, CRE, AE, ANIMATEUR, DIRECTION = ("employer",), ("cre",), ("ae",), ("animateur",), ("direction",)

EVENT_KINDS: dict[str, Kind] = {
    # employer
    "need_taken": Kind(
        "Mon besoin de recrutement est pris en charge",
        "Votre besoin « {job} » est pris en charge",
        "Votre besoin de recrutement « {job} » est pris en charge par {cre}, chargé(e) de "
        "relations entreprises, qui revient vers vous rapidement.",
        EMPLOYER, action="Voir le besoin"),
    "need_question": Kind(
        "Une question m'est posée sur un besoin",
        "Une question sur votre besoin « {job} »",
        "{cre} vous pose une question sur votre besoin « {job} » : répondez depuis votre espace "
        "employeur pour que le recrutement avance.",
        EMPLOYER, action="Répondre"),
    "need_declined": Kind(
        "Mon besoin n'est pas retenu",
        "Votre besoin « {job} » n'est pas retenu",
        "Votre besoin de recrutement « {job} » n'est pas retenu. Motif : {reason}",
        EMPLOYER, action="Voir le besoin"),
    "need_converted": Kind(
        "Mon besoin devient une offre",
        "Votre besoin « {job} » est devenu l'offre {offer}",
        "Votre besoin de recrutement « {job} » est devenu l'offre {offer} : les conseillers "
        "de votre territoire peuvent maintenant vous présenter des profils.",
        EMPLOYER, action="Voir le besoin"),
    "immersion_proposed": Kind(
        "Une immersion m'est proposée",
        "Une immersion vous est proposée : {job} ({reference})",
        "Une immersion professionnelle (PMSMP) au poste « {job} » vous est proposée du {start} "
        "au {end} (référence {reference}). Votre interlocuteur vous contacte pour la convention.",
        EMPLOYER, action="Ouvrir Passerelle"),
    "employer_invitation": Kind(
        "Invitation à ouvrir un compte employeur",
        "{cre} vous invite sur Passerelle",
        "{cre}, chargé(e) de relations entreprises du Département des Bouches-du-Rhône, vous "
        "invite à ouvrir le compte employeur de {company} sur Passerelle. Choisissez votre mot "
        "de passe avec ce lien, valable {days} jours et utilisable une fois.",
        EMPLOYER, action="Choisir mon mot de passe", security=True, in_app=False,
        to_inactive=True),
    # CRE
    "need_answered": Kind(
        "Un employeur répond à ma question sur un besoin",
        "Réponse de {company} sur le besoin « {job} »",
        "{company} a répondu à votre question sur le besoin « {job} ».",
        CRE, action="Voir le besoin"),
    "cre_assigned": Kind(
        "Une personne m'est confiée en cellule emploi",
        "Une personne vous est confiée : {person}",
        "La cellule {cellule} vous confie {person} : préparez sa mise en relation avec des "
        "employeurs.",
        CRE, action="Voir la proposition"),
    "action_due": Kind(
        "Une action de prospection arrive à échéance",
        "Action de prospection à faire : {company}",
        "Votre action « {action} » chez {company} est prévue le {due}.",
        CRE, action="Voir la cible"),
    "company_contacted": Kind(
        "Une autre structure contacte une entreprise dont je suis référent(e)",
        "{organisation} a contacté {company}",
        "{organisation} a contacté {company}, entreprise dont vous êtes référent(e) de "
        "prospection, le {on} ({channel}).",
        CRE, action="Voir l'entreprise", defaults={"cre": "daily"}),
    # AE
    "ae_assigned": Kind(
        "Une personne que j'accompagne est confiée à un CRE",
        "{person} est confié(e) à un chargé de relations entreprises",
        "La cellule {cellule} a confié {person} à {cre}, chargé(e) de relations entreprises, "
        "qui va la présenter à des employeurs.",
        AE, action="Voir la proposition"),
    "meeting_set": Kind(
        "Une date d'entretien ou d'immersion est fixée",
        "{meeting} le {on} pour {person}",
        "{meeting} fixé(e) le {on} pour {person} ({reference}).",
        AE, action="Voir le détail"),
    "assessment_due": Kind(
        "Un bilan d'immersion est à faire",
        "Bilan d'immersion à faire : {person}",
        "L'immersion de {person} ({reference}) se termine le {end} : le bilan est à remplir.",
        AE, action="Remplir le bilan"),
    # animateur
    "agenda_ready": Kind(
        "L'ordre du jour de la prochaine séance est prêt",
        "Ordre du jour de la séance du {on}",
        "L'ordre du jour de la séance du {on} de la {cellule} est prêt : {count} point(s).",
        ANIMATEUR, action="Voir la séance"),
    "actions_overdue": Kind(
        "Des actions de la cellule sont en retard",
        "{count} action(s) en retard dans la {cellule}",
        "{count} action(s) décidée(s) en séance de la {cellule} ont dépassé leur échéance.",
        ANIMATEUR, action="Voir la cellule"),
    # direction
    "monthly_summary": Kind(
        "Le récapitulatif mensuel des indicateurs",
        "Indicateurs de {month} : {territory}",
        "Les indicateurs de {territory} pour {month}, face à leurs objectifs (chiffres "
        "seulement ; moins de 5 personnes : « < 5 ») :\n{figures}",
        DIRECTION, action="Ouvrir le tableau de bord"),
}

REMINDER_KINDS: dict[str, Kind] = {
    "card_waiting": Kind(
        "Relance : une carte attend ma réponse",
        "Relance : la carte {card} attend votre réponse",
        "La carte {card} ({job}) vous a été présentée il y a {days} jours et attend votre "
        "réponse : dites en un clic si vous souhaitez rencontrer la personne.",
        EMPLOYER, action="Répondre"),
    "card_unanswered": Kind(
        "Une carte reste sans réponse de l'employeur",
        "Carte {card} sans réponse depuis {days} jours",
        "{company} n'a pas répondu à la carte {card} ({job}) envoyée il y a {days} jours, "
        "malgré deux relances : un appel peut débloquer la situation.",
        CRE, action="Voir la promotion"),
    "offer_ending": Kind(
        "Une offre que je suis se termine bientôt",
        "L'offre {offer} se termine le {end}",
        "L'offre {offer} ({job}) arrive à sa date de fin le {end}. Prolongez-la si le poste "
        "n'est pas pourvu ; sinon elle expirera d'elle-même.",
        CRE, action="Voir l'offre"),
    "assessment_missing": Kind(
        "Un bilan d'immersion manque",
        "Bilan manquant : immersion {reference}",
        "L'immersion {reference} de {person} s'est terminée le {end} et son bilan n'est "
        "toujours pas rempli.",
        AE + CRE, action="Remplir le bilan"),
    "action_overdue": Kind(
        "Une de mes actions est en retard",
        "Action en retard : {action}",
        "Votre action « {action} » devait être faite le {due} ({where}).",
        CRE + AE + ANIMATEUR, action="Voir l'action"),
    "profile_stale": Kind(
        "Un profil que j'accompagne n'est plus à jour",
        "Profil à mettre à jour : {person}",
        "Le profil de {person} n'a pas été mis à jour depuis {weeks} semaines : vérifiez sa "
        "situation pour que les propositions restent justes.",
        AE, action="Voir le profil", defaults={"ae": "weekly"}),
}
