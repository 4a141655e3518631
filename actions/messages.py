"""User-facing sentences, in French and English, and small formatting helpers."""

from typing import Iterable

TEXTS: dict[str, dict[str, str]] = {
    "ask_department": {
        "fr": "Où habitez-vous, ou bien où voulez-vous créer ? Indiquez une commune, un code postal ou un département des Hauts-de-France.",
        "en": "Where do you live, or where do you want to start? Give me a town, a postal code or a department of Hauts-de-France.",
    },
    "ask_department_ambiguous": {
        "fr": "Il y a plusieurs communes « {name} » dans la région : {options}. Laquelle est la vôtre ? Répondez par le département ou le code postal.",
        "en": "There are several towns called “{name}” in the region: {options}. Which one is yours? Answer with the department or the postal code.",
    },
    "ask_department_region": {
        "fr": "Dans quel département : {options} ?",
        "en": "In which department: {options}?",
    },
    "ask_department_unknown": {
        "fr": "Je ne trouve pas « {name} » parmi les communes des Hauts-de-France. Dans quelle commune ou quel département de la région êtes-vous (Aisne, Nord, Oise, Pas-de-Calais, Somme) ?",
        "en": "I can't find “{name}” among the towns of Hauts-de-France. In which town or department of the region are you (Aisne, Nord, Oise, Pas-de-Calais, Somme)?",
    },
    "ask_audience": {
        "fr": "Et vous êtes… ?",
        "en": "And you are…?",
    },
    "intro": {
        "fr": "Pour vous ({who}, {where}), voici ce que je vous conseille :",
        "en": "For you ({who}, {where}), here is what I suggest:",
    },
    "next_step": {"fr": "→ Prochaine étape : {step}", "en": "→ Next step: {step}"},
    "intro_anyone": {
        "fr": "{where}, voici ce qui s'adresse à tout porteur de projet :",
        "en": "{where}, here is what is open to anyone starting a business:",
    },
    "intro_national": {
        "fr": "Pour vous ({who}), où que vous soyez, voici déjà ce qui existe :",
        "en": "For you ({who}), wherever you are, here is what exists:",
    },
    "refine_audience": {
        "fr": "Pour affiner, vous êtes… ? (étudiant, demandeur d'emploi, salarié, enseignant, élève, déjà chef d'entreprise…)",
        "en": "To narrow it down, you are…? (student, job seeker, employee, teacher, pupil, already running a business…)",
    },
    "refine_department": {
        "fr": "Où habitez-vous, ou bien où voulez-vous créer ? Avec une commune, un code postal ou un département des Hauts-de-France, je vous indiquerai aussi les dispositifs proches de chez vous.",
        "en": "Where do you live, or where do you want to start? With a town, a postal code or a department of Hauts-de-France, I will also show you the schemes near you.",
    },
    "others": {
        "fr": "D'autres pistes vous correspondent aussi : {names}. Demandez-moi « c'est quoi … ? » pour l'une d'elles.",
        "en": "Other schemes fit you too: {names}. Ask me “what is …?” about any of them.",
    },
    "broadened": {
        "fr": "Je n'ai pas de dispositif réservé à {kind} ; voici ceux qui accompagnent les porteurs de projet en général (demandez-leur s'ils suivent le vôtre) :",
        "en": "I have no scheme reserved for {kind}; here are those that support people with a project in general (ask them whether they take yours):",
    },
    "instead_none_short": {
        "fr": "aucun signe d'activité récente, et je ne connais pas d'autre dispositif pour votre profil ici",
        "en": "no sign of recent activity, and I know of no other scheme for your profile here",
    },
    "instead_short": {
        "fr": "aucun signe d'activité récente : adressez-vous plutôt à {names}",
        "en": "no sign of recent activity: contact {names} instead",
    },
    "way_unknown": {
        "fr": "Je n'ai pas de source qui dise quel {kind} couvre {where} : demandez à {names}{or_school}.",
        "en": "I have no source saying which {kind} covers {where}: ask {names}{or_school}.",
    },
    "way_unknown_school": {
        "fr": "Je n'ai pas de source qui dise quel {kind} couvre {where} : demandez au service entrepreneuriat de votre établissement.",
        "en": "I have no source saying which {kind} covers {where}: ask your school's entrepreneurship office.",
    },
    "way_or_school": {
        "fr": " ou au service entrepreneuriat de votre établissement",
        "en": " or your school's entrepreneurship office",
    },
    "fit_instead": {"fr": "Pour vous, voyez plutôt : {names}.", "en": "For you, look instead at: {names}."},
    "fit_place": {
        "fr": "il ne couvre que {where}, et vous êtes {yours}",
        "en": "it only covers {where}, and you are {yours}",
    },
    "fit_region": {
        "fr": "il n'existe que dans les Hauts-de-France",
        "en": "it only exists in Hauts-de-France",
    },
    "fit_depends": {
        "fr": "Cela dépend de votre situation : {name} s'adresse {audiences} ({where}). Si c'est votre cas, oui, il peut vous concerner.",
        "en": "It depends on your situation: {name} is for {audiences} ({where}). If that is you, yes, it can be for you.",
    },
    "fit_audience": {
        "fr": "il s'adresse {audiences}, et vous m'avez dit être {who}",
        "en": "it is for {audiences}, and you told me you are a {who}",
    },
    "fit_project": {"fr": "il est réservé à {kinds}", "en": "it is reserved for {kinds}"},
    "fit_stage": {"fr": "il concerne l'étape : {stages}", "en": "it is for this stage: {stages}"},
    "fit_no_because": {
        "fr": "Non, {name} n'est pas pour vous : {reasons}.",
        "en": "No, {name} is not for you: {reasons}.",
    },
    "fit_yes_because": {
        "fr": "Oui, {name} peut vous concerner : il s'adresse {audiences} ({where}), et vous m'avez dit : {told}.",
        "en": "Yes, {name} can be for you: it is for {audiences} ({where}), and you told me: {told}.",
    },
    "not_here": {
        "fr": "{name} ne couvre que {where} : il n'existe pas {here}.",
        "en": "{name} only covers {where}: it does not exist {here}.",
    },
    "local_instead": {
        "fr": "{here}, voyez plutôt : {names}.",
        "en": "{here}, look instead at: {names}.",
    },
    "compare_head": {"fr": "{names}, côte à côte :", "en": "{names}, side by side:"},
    "compare_line": {
        "fr": "• {name}{operator} — {kinds} : {description} Pour {audiences} ; {where}.",
        "en": "• {name}{operator} — {kinds}: {description} For {audiences}; {where}.",
    },
    "combine_unknown": {
        "fr": "Je ne sais pas si {names} se cumulent : aucune de mes sources ne le dit, et je préfère ne pas deviner. Posez la question auprès {whom}.",
        "en": "I don't know whether {names} can be combined: none of my sources says so, and I'd rather not guess. Ask {whom}.",
    },
    "more_on_first": {
        "fr": "Voulez-vous en savoir plus sur {name} ? Vous pouvez aussi me demander « et après ? ».",
        "en": "Would you like to know more about {name}? You can also ask me “what next?”.",
    },
    "verify": {"fr": "à vérifier auprès {de_who}", "en": "to be checked with {who}"},
    "nothing_fits": {
        "fr": "Je n'ai pas, dans ma base, de dispositif pour {who} {where}. Je connais les dispositifs d'aide à l'entrepreneuriat des Hauts-de-France (Aisne, Nord, Oise, Pas-de-Calais, Somme) pour les étudiants, élèves, enseignants, demandeurs d'emploi, salariés et porteurs de projet.",
        "en": "I have no scheme for {who} {where} in my knowledge base. I know the entrepreneurship support schemes of Hauts-de-France (Aisne, Nord, Oise, Pas-de-Calais, Somme) for students, pupils, teachers, job seekers, employees and people starting a business.",
    },
    "nothing_fits_other": {
        "fr": "Si votre situation est différente (étudiant, porteur de projet, demandeur d'emploi…) ou si vous pensez à un autre lieu, dites-le-moi.",
        "en": "If your situation is different (student, starting a business, job seeker…) or you have another place in mind, tell me.",
    },
    "outside": {
        "fr": "{place} n'est pas dans les Hauts-de-France : je ne connais en détail que les dispositifs de cette région (Aisne, Nord, Oise, Pas-de-Calais, Somme).",
        "en": "{place} is not in Hauts-de-France: I only know the schemes of this region in detail (Aisne, Nord, Oise, Pas-de-Calais, Somme).",
    },
    "outside_national": {
        "fr": "Ces dispositifs nationaux peuvent vous servir où que vous soyez :",
        "en": "These national schemes can help you wherever you are:",
    },
    "outside_nothing": {
        "fr": "Je vous conseille de vous adresser à la CCI ou à la chambre de métiers de votre département.",
        "en": "I suggest you contact the chamber of commerce (CCI) or crafts chamber of your department.",
    },
    "place_note": {
        "fr": "(J'ai compris {chosen} ; si vous parliez de {others}, dites-le-moi.)",
        "en": "(I understood {chosen}; if you meant {others}, tell me.)",
    },
    "which_scheme": {
        "fr": "De quel dispositif parlez-vous ? Par exemple : {names}.",
        "en": "Which scheme do you mean? For example: {names}.",
    },
    "scheme_info": {"fr": "{heading} : {description}", "en": "{heading}: {description}"},
    "scheme_for": {
        "fr": "Pour qui : {audiences} ; où : {where}.",
        "en": "Who for: {audiences}; where: {where}.",
    },
    "scheme_audience": {
        "fr": "{name} s'adresse {audiences} ({where}).",
        "en": "{name} is for: {audiences} ({where}).",
    },
    "fit_yes": {
        "fr": "D'après ce que vous m'avez dit ({who}), cela vous correspond.",
        "en": "From what you told me ({who}), it fits you.",
    },
    "fit_no": {
        "fr": "D'après ce que vous m'avez dit ({who}, {where}), ce n'est pas le dispositif le plus adapté pour vous.",
        "en": "From what you told me ({who}, {where}), it is not the best fit for you.",
    },
    "facts": {"fr": "{name_cap} — ce que je sais :", "en": "{name_cap} — what I know:"},
    "no_fact": {
        "fr": "Je n'ai pas cette information pour {name}. Renseignez-vous auprès {de_operator}.",
        "en": "I don't have that information for {name}. Please ask {operator}.",
    },
    "join": {"fr": "Pour {name} : {step}", "en": "For {name}: {step}"},
    "before": {"fr": "Avant : {name}. {description}", "en": "Before it: {name}. {description}"},
    "then": {"fr": "Ensuite : {name}. {description}", "en": "Then: {name}. {description}"},
    "end_of_path": {
        "fr": "Après {name}, les conseillers {de_operator} vous orienteront pour la suite.",
        "en": "After {name}, the {operator} advisors will guide you further.",
    },
    "end_of_path_others": {
        "fr": "Vous pouvez aussi regarder : {names}.",
        "en": "You can also look at: {names}.",
    },
    "need_profile": {
        "fr": "Pour vous indiquer la prochaine étape, dites-moi d'abord qui vous êtes et où (par exemple « je suis salarié à Arras »).",
        "en": "To give you the next step, first tell me who you are and where (e.g. “I'm an employee in Arras”).",
    },
    "list_intro": {
        "fr": "{where_cap}, je connais ces dispositifs :",
        "en": "{where_cap}, I know these schemes:",
    },
    "list_operator": {"fr": "{operator} propose :", "en": "{operator} offers:"},
    "list_operator_in": {
        "fr": "Ce que {operator} propose {where} :",
        "en": "What {operator} offers {where}:",
    },
    "list_operator_none": {
        "fr": "Je ne connais aucun dispositif de {operator} ouvert {where} ; ceux que je connais sont ailleurs :",
        "en": "I know no scheme of {operator} open {where}; those I know are elsewhere:",
    },
    "list_all": {
        "fr": "Voici les dispositifs que je connais dans les Hauts-de-France :",
        "en": "Here are the schemes I know in Hauts-de-France:",
    },
    "list_none": {
        "fr": "Je ne connais pas de dispositif {where} dans ma base.",
        "en": "I know no scheme {where} in my knowledge base.",
    },
    "source": {"fr": "Source : {sources}.", "en": "Source: {sources}."},
    "source_intro": {
        "fr": "{name} — ce que j'en dis vient de ces pages (chacune avec le jour où je l'ai lue) :",
        "en": "{name} — what I say about it comes from these pages (each with the day I read it):",
    },
    "sources": {"fr": "Sources : {sources}.", "en": "Sources: {sources}."},
    "source_seed": {
        "fr": "article non daté « {title} » du site {site} ({about}), {page}",
        "en": "the undated article “{title}” on the {site} website ({about}), {page}",
    },
    "source_page": {
        "fr": "{publisher}, {page} (page lue le {read_on})",
        "en": "{publisher}, {page} (read on {read_on})",
    },
    "check_with": {
        "fr": "Conditions à vérifier auprès {de_who}.",
        "en": "Conditions to be checked with {who}.",
    },
    "fact_dated": {
        "fr": "(information {of_date}, à vérifier)",
        "en": "(information from {date}, to be checked)",
    },
    "fact_undated": {
        "fr": "(information non datée, à vérifier)",
        "en": "(undated information, to be checked)",
    },
    "no_activity": {
        "fr": "Je n'ai trouvé aucune page montrant que {name} est encore actif (recherche du {checked_on}).",
        "en": "I found no page showing that {name} is still running (searched on {checked_on}).",
    },
    "instead_none": {
        "fr": "Je ne connais pas d'autre dispositif en cours pour votre profil ({where}).",
        "en": "I know of no other running scheme for your profile ({where}).",
    },
    "instead": {
        "fr": "Pour un projet aujourd'hui ({where}), voyez plutôt : {names}.",
        "en": "For a project today ({where}), look instead at: {names}.",
    },
    "no_activity_short": {"fr": "aucun signe d'activité récente", "en": "no sign of recent activity"},
    "empty": {
        "fr": "Je ne trouve aucun mot dans votre message (il est vide, ou fait de symboles ou de code). Écrivez-moi en quelques mots qui vous êtes et où, par exemple « je suis étudiant à Amiens ».",
        "en": "I can't find any word in your message (it is empty, or only symbols or code). Tell me in a few words who you are and where, e.g. “I'm a student in Amiens”.",
    },
    "too_long": {
        "fr": "Votre message est très long : j'en ai lu le début. Pouvez-vous me résumer en une ou deux phrases qui vous êtes, où, et ce que vous cherchez ?",
        "en": "Your message is very long: I read its beginning. Could you sum up in one or two sentences who you are, where, and what you are looking for?",
    },
    "out_of_scope": {
        "fr": "Désolé, je ne peux vous aider que sur la création ou la reprise d'entreprise dans les Hauts-de-France. Dites-moi qui vous êtes et où, et je vous indiquerai les dispositifs qui vous correspondent.",
        "en": "Sorry, I can only help with starting or taking over a business in Hauts-de-France. Tell me who you are and where, and I'll tell you which schemes fit you.",
    },
    "scheme_here": {"fr": "{where_cap}, il y a {name} :", "en": "{where_cap}, there is {name}:"},
    "greet_back": {"fr": "Bonjour !", "en": "Hello!"},
    "not_understood": {
        "fr": "Désolé, je n'ai pas compris. Vous pouvez me dire qui vous êtes et où (« je suis étudiant à Lille »), ou me poser une question sur un dispositif (« c'est quoi PEPITE ? »). Je réponds en français ou en anglais.",
        "en": "Sorry, I didn't understand. You can tell me who you are and where (“I'm a student in Lille”), or ask about a scheme (“what is PEPITE?”). I answer in French or English.",
    },
    "contact_head": {"fr": "Pour joindre {name} :", "en": "To reach {name}:"},
    "contact_website": {"fr": "• Site : {value}", "en": "• Website: {value}"},
    "contact_phone": {"fr": "• Téléphone : {value}", "en": "• Phone: {value}"},
    "contact_email": {"fr": "• E-mail : {value}", "en": "• E-mail: {value}"},
    "contact_places": {"fr": "• Où : {sites}.", "en": "• Where: {sites}."},
    "contact_nearest": {
        "fr": "• Le plus proche de {town} ({level}) : {sites}.",
        "en": "• Nearest to {town} ({level}): {sites}.",
    },
    "level_epci": {"fr": "même intercommunalité", "en": "same intercommunality"},
    "level_arrondissement": {"fr": "même arrondissement", "en": "same arrondissement"},
    "level_department": {"fr": "même département", "en": "same department"},
    "contact_missing": {
        "fr": "Je n'ai pas {what} {de_who} dans ma base : aucune page publique ne me l'a donné.",
        "en": "I have no {what} for {who} in my knowledge base: no public page gave it to me.",
    },
    "missing_phone": {"fr": "de numéro de téléphone", "en": "phone number"},
    "missing_email": {"fr": "d'adresse e-mail", "en": "e-mail address"},
    "missing_website": {"fr": "de site web", "en": "website"},
    "missing_place": {"fr": "d'adresse", "en": "address"},
    "missing_hours": {"fr": "d'horaires d'ouverture", "en": "opening hours"},
    "contact_none": {
        "fr": "Je n'ai pas de coordonnées publiques {de_who} dans ma base : aucune page publique ne me les a données.",
        "en": "I have no public contact details for {who} in my knowledge base: no public page gave them to me.",
    },
    "contact_ask_them": {"fr": "Renseignez-vous auprès {de_who}.", "en": "Please ask {who}."},
    "contact_ask_who": {
        "fr": "Pour quel dispositif voulez-vous les coordonnées ? Par exemple : {names}.",
        "en": "Which scheme do you want the contact details of? For example: {names}.",
    },
    "offer_handoff": {
        "fr": "Je peux aussi transmettre votre demande à un conseiller, qui vous recontactera : dites « je veux être recontacté ».",
        "en": "I can also pass your request on to an advisor, who will get back to you: say “I want to be contacted”.",
    },
    "handoff_button": {"fr": "Être recontacté", "en": "Be contacted"},
    "site_line": {"fr": "   Site : {url}", "en": "   Website: {url}"},
    "card_site": {"fr": "Site", "en": "Website"},
    "cards_intro": {"fr": "Liens et mise en relation :", "en": "Links and contact:"},
    "handoff_summary": {
        "fr": "Voici ce que je transmettrais à {inbox}, pour qu'un conseiller vous recontacte :",
        "en": "Here is what I would send to {inbox}, so that an advisor gets back to you:",
    },
    "summary_profile": {"fr": "Profil : {value}", "en": "Profile: {value}"},
    "summary_place": {"fr": "Lieu : {value}", "en": "Place: {value}"},
    "summary_project": {"fr": "Projet : {value}", "en": "Project: {value}"},
    "summary_scheme": {"fr": "Dispositif : {value}", "en": "Scheme: {value}"},
    "summary_question": {"fr": "Votre question : « {value} »", "en": "Your question: “{value}”"},
    "summary_unknown": {"fr": "non précisé", "en": "not given"},
    "handoff_consent": {
        "fr": "Acceptez-vous que je transmette ce résumé, avec votre nom et votre e-mail ou téléphone ? Ils ne serviront qu'à vous recontacter. Répondez « oui » ou « non ».",
        "en": "Do you agree that I send this summary, with your name and your e-mail or phone? They will only be used to get back to you. Answer “yes” or “no”.",
    },
    "handoff_consent_again": {
        "fr": "Répondez « oui » pour que je transmette votre demande, ou « non » pour ne rien envoyer.",
        "en": "Answer “yes” and I send your request, or “no” and nothing is sent.",
    },
    "yes": {"fr": "Oui", "en": "Yes"},
    "no": {"fr": "Non", "en": "No"},
    "handoff_ask_name": {
        "fr": "Quel est votre nom (prénom et nom) ?",
        "en": "What is your name (first name and surname)?",
    },
    "handoff_bad_name": {
        "fr": "Je n'ai pas reconnu un nom : écrivez seulement votre prénom et votre nom, par exemple « Camille Martin ».",
        "en": "That does not look like a name: just write your first name and surname, e.g. “Camille Martin”.",
    },
    "handoff_ask_contact": {
        "fr": "À quelle adresse e-mail ou à quel numéro de téléphone le conseiller peut-il vous joindre ?",
        "en": "At which e-mail address or phone number can the advisor reach you?",
    },
    "handoff_bad_email": {
        "fr": "L'adresse e-mail « {value} » n'est pas valide : vérifiez-la (par exemple « prenom.nom@exemple.fr »), ou donnez plutôt un numéro de téléphone.",
        "en": "The e-mail address “{value}” is not valid: please check it (e.g. “first.last@example.com”), or give a phone number instead.",
    },
    "handoff_bad_phone": {
        "fr": "Le numéro « {value} » n'est pas un numéro de téléphone valide : donnez un numéro à 10 chiffres (par exemple 06 12 34 56 78), ou une adresse e-mail.",
        "en": "“{value}” is not a valid phone number: give a French number with 10 digits (e.g. 06 12 34 56 78), or an e-mail address.",
    },
    "handoff_no_contact": {
        "fr": "Je n'ai trouvé ni adresse e-mail ni numéro de téléphone dans votre réponse.",
        "en": "I found neither an e-mail address nor a phone number in your answer.",
    },
    "handoff_refused": {
        "fr": "D'accord : je n'envoie rien et je ne garde aucune coordonnée. Puis-je vous aider autrement ?",
        "en": "All right: I send nothing and keep no contact details. Can I help you in another way?",
    },
    "handoff_minor": {
        "fr": "Comme vous êtes élève ou avez moins de 18 ans, je ne vous demande pas vos coordonnées. Parlez de votre projet à votre professeur ou à vos parents : ils pourront prendre contact pour vous, ou me demander eux-mêmes d'être recontactés.",
        "en": "As you are a pupil or under 18, I do not ask for your contact details. Talk about your project with your teacher or your parents: they can get in touch for you, or ask me themselves to be contacted.",
    },
    "handoff_limit": {
        "fr": "Vous avez déjà envoyé {count} demandes de contact en 24 heures : c'est le maximum. Les conseillers ont vos demandes ; vous pourrez en envoyer une autre demain.",
        "en": "You have already sent {count} contact requests within 24 hours: that is the maximum. The advisors have your requests; you can send another one tomorrow.",
    },
    "handoff_done": {
        "fr": "Merci, {name}. Votre demande est enregistrée sous la référence {reference} et part vers {inbox}. Un conseiller vous recontactera à {contact} ; gardez cette référence, elle identifie votre demande. Pour l'effacer de notre base, dites « effacer mes données » (la conversation sera effacée aussi).",
        "en": "Thank you, {name}. Your request is recorded with the reference {reference} and is on its way to {inbox}. An advisor will get back to you at {contact}; keep this reference, it identifies your request. To erase it from our database, say “delete my data” (the conversation is erased too).",
    },
    "telegram_non_text": {
        "fr": "Je ne sais lire que les messages écrits : pouvez-vous me l'écrire en quelques mots ?",
        "en": "I can only read written messages: could you write it to me in a few words?",
    },
}

AUDIENCE_BUTTONS = {
    "fr": [
        ("Étudiant(e)", "Je suis étudiant"),
        ("Demandeur d'emploi", "Je suis demandeur d'emploi"),
        ("Salarié(e)", "Je suis salarié"),
        ("Enseignant(e)", "Je suis enseignant"),
        ("Élève", "Je suis lycéen"),
        ("Porteur de projet", "Je veux créer mon entreprise"),
    ],
    "en": [
        ("Student", "I'm a student"),
        ("Job seeker", "I'm a job seeker"),
        ("Employee", "I'm an employee"),
        ("Teacher", "I'm a teacher"),
        ("Pupil", "I'm a high school student"),
        ("Starting a business", "I want to start a business"),
    ],
}


def say(key: str, language: str, **values: str) -> str:
    """The sentence `key` in `language` (French by default), with `values` filled in."""
    texts = TEXTS[key]
    return texts.get(language, texts["fr"]).format(**values)


MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def date_words(value: str, language: str) -> str:
    """'2024', 'octobre 2023' or '5 février 2026' (English: '5 February 2026')."""
    year, *rest = value.split("-")
    months = MONTHS.get(language, MONTHS["fr"])
    words = [("1er" if language == "fr" and rest[1] == "01" else str(int(rest[1])))] if len(rest) == 2 else []
    words += [months[int(rest[0]) - 1]] if rest else []
    return " ".join([*words, year])


def of_date(value: str) -> str:
    """'de 2024', 'd'octobre 2023', 'du 5 février 2026': the French 'de' before a date."""
    words = date_words(value, "fr")
    if value.count("-") == 2:
        return f"du {words}"
    return f"d'{words}" if words[0] in "aeiouéèy" else f"de {words}"


def de(name: str) -> str:
    """'du PEPITE', 'de la BGE', 'd'Initiative Aisne', 'de Réseau Entreprendre': French 'de' before a name."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêàâîôû" else f"de {name}"


def join(items: Iterable[str], language: str) -> str:
    """'a, b et c' / 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " and " if language == "en" else " et "
    return ", ".join(items[:-1]) + last + items[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
