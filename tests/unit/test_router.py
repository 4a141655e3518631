"""Every row of the router's tables (actions/router/) answers a turn that needs it: one case per
row of each table of `TABLES`, of the profile form's HELP_FIRST and of SCHEME_PARTS, with a
message as people type it, the intent and entities the NLU gives, and the conversation's state.
Each case checks the route the router took and what the row is about in the reply (its kind of
answer, the scheme it sets, the question it asks). The test sentences are held out from the
training data."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pytest
from rapidfuzz import fuzz, process

import knowledge
from actions import cues, intents
from actions.answer import Kind, Reply
from actions.router.core import TABLES
from actions.router.schemes import SCHEME_PARTS
from actions.router.talk import HELP_FIRST
from knowledge.text import fold
from tests.support.actions import commune
from tests.support.router import department, route, user
from tests.support.training_data import training

NEAR = 90  # rapidfuzz.fuzz.ratio on folded texts: a test sentence stays below it

SCHEME = "action_scheme_answer"
NEXT = "action_next_step"
CONTACT = "action_contact"
LIST = "action_list_schemes"
RECOMMEND = "action_recommend"
BAD_INPUT = "action_explain_bad_input"
GREET = "action_greet"
ASK_DEPARTMENT = "action_ask_department"
ASK_AUDIENCE = "action_ask_audience"
FALLBACK = "nlu_fallback"  # Rasa's DEFAULT_NLU_FALLBACK_INTENT_NAME
PROFILE_FORM = "profile_form"

ABOUT = "about the scheme"
REACH = "« je veux parler à quelqu'un »: the way to an advisor"
REVIEW = "« revoir les pistes »: the last recommendation, whole"
ASKED_STUDENT_WHERE = "None|student|None|None|ask_department"  # « asked » after asking a student where
ASKED_COMPIEGNE_WHO = "60|None|None|None|ask_audience"  # « asked » after asking who, in Compiègne
ANSWERED = {"event": "bot", "text": "Voici ce que je sais."}  # an earlier action of the turn replied
LONG = (
    "Bonjour, je vous écris parce que je voudrais ouvrir un petit restaurant avec mon frère, on a déjà "
    "trouvé un local près de la gare mais on ne sait pas trop par où commencer pour les papiers, "
    "la banque, les assurances et tout le reste. "
) * 5


def placed(text: str, label: str, code: str) -> tuple[dict[str, Any], ...]:
    """The place entity of the commune `label` in `text`."""
    return (commune(text, label, code),)


@dataclass(frozen=True)
class Case:
    """A turn for the row `route[0]` of the table of `entry` (and the rows after it in `route`)."""

    entry: str
    intent: str
    text: str
    route: tuple[str, ...]  # the whole route expected
    kinds: tuple[Kind, ...]  # the kinds of the reply's blocks, in order
    sets: dict[str, Any] = field(default_factory=dict)  # slots the reply sets (last value of each)
    more: tuple[dict[str, Any], ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    loop: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    after: tuple[dict[str, Any], ...] = ()  # this turn's events before the action
    body: str | None = None  # the body (knowledge/data/referrals.yml) a referral names

    @property
    def id(self) -> str:
        names = unicodedata.normalize("NFKD", " > ".join(self.route))
        ascii_names = " ".join(names.encode("ascii", "ignore").decode().replace("?", "").split())
        return f"{self.entry.removeprefix('action_')}: {ascii_names}"

    def run(self) -> Reply:
        return route(
            self.entry, self.intent, self.text, self.more, self.events, self.loop, self.after, **self.slots
        )


T_CREIL = "la plateforme Initiative la plus proche de Creil ?"
T_LILLE_STUDENT = "quelles aides pour un étudiant à Lille ?"
T_SOMME = "tous les dispositifs de la Somme svp"
T_BANK_LILLE = "je suis à Lille et la banque me refuse un prêt, je fais comment ?"
T_ARRAS = "je suis demandeuse d'emploi à Arras"
T_SAINT_QUENTIN = "finalement ce sera plutôt à Saint-Quentin"
T_DOUAI = "salut, je suis à Douai"
T_COMPIEGNE = "j'habite à Compiègne"
# a practical word (« chômage ») with a question the ARCE's facts answer: no referral
T_ARCE = "je peux toucher mon chômage en capital pour lancer ma boîte ?"

CASES = [
    # --- action_scheme_answer ------------------------------------------------------------------
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "à part l'Adie vous auriez quoi d'autre ?",
        ("« et à part … ? »: what else fits",),
        (Kind.RECOMMENDATION,),
        {"scheme": "cci-amiens-picardie-formations"},
        slots={"department": "80", "audience": "job_seeker"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "une fois le CREI terminé, je vais où ?",
        ("« une fois … fait, je vais où ? »: the next step", "its step done: the scheme it leads to"),
        (Kind.NEXT_STEP,),
        {"scheme": "pepite-picardie"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "l'ARCE et l'ACRE c'est cumulable ?",
        ("do two schemes combine",),
        (Kind.FACT,),
        {"shown_schemes": ["arce", "acre"]},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "what's the difference between BGE and Adie?",
        ("a comparison",),
        (Kind.FACT,),
        {"shown_schemes": ["bge", "adie"]},
        slots={"language": "en"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "d'où vient cette info ?",
        ("where this comes from",),
        (Kind.FACT,),
        {"scheme": "acre"},
        slots={"scheme": "acre"},
    ),
    Case(
        SCHEME,
        intents.ASK_RECOMMENDATION,
        "franchement, qu'est-ce que vous me conseilleriez ?",
        ("what fits me, no scheme named",),
        (Kind.RECOMMENDATION,),
        slots={"department": "59"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "pour ouvrir un salon de coiffure il me faut quel diplôme ?",
        ("a practical question no scheme answers: who handles it",),
        (Kind.REFERRAL,),
        body="cma-hdf",
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "et si j'ai besoin d'un petit crédit pour démarrer ?",
        ("another scheme, found by the question's words",),
        (Kind.FACT,),
        {"scheme": "adie"},
        slots={"scheme": "bge"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "c'est combien ?",
        ("no scheme in question, the person placed: what fits",),
        (Kind.RECOMMENDATION,),
        slots={"department": "62"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "c'est combien ?",
        ("no scheme in question: which one?",),
        (Kind.QUESTION,),
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "ils se trouvent où exactement ?",
        ("a contact asked as a fact", "the contacts"),
        (Kind.CONTACT,),
        {"scheme": "bge"},
        slots={"scheme": "bge"},
    ),
    # the parts of « about the scheme » (SCHEME_PARTS)
    Case(
        SCHEME,
        intents.ASK_SCHEME_AUDIENCE,
        "l'Adie c'est pour moi ?",
        (ABOUT, "for me, and the profile decides"),
        (Kind.FACT,),
        {"scheme": "adie"},
        slots={"department": "80", "audience": "student"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "l'Adie c'est payant ?",
        (ABOUT, "facts asked (not how to join)"),
        (Kind.FACT,),
        {"scheme": "adie"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "pour Créa60 il faut quoi comme conditions ?",
        (ABOUT, "a prerequisite no fact states: how to join"),
        (Kind.FACT,),
        {"scheme": "crea60"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_AUDIENCE,
        "Initiative Aisne ça s'adresse à qui ?",
        (ABOUT, "whom it is for"),
        (Kind.FACT,),
        {"scheme": "initiative-aisne"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "la BGE fait des choses pour les femmes ?",
        (ABOUT, "what it is, asked with an audience"),
        (Kind.FACT,),
        {"scheme": "bge"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "dites m'en plus sur le concours Créa60",
        (ABOUT, "its facts"),
        (Kind.FACT,),
        {"scheme": "crea60"},
    ),
    Case(
        SCHEME,
        intents.ASK_HOW_TO_JOIN,
        "comment on s'inscrit à La suite dans les idées ?",
        (ABOUT, "how to join a scheme that does not run"),
        (Kind.FACT,),
        {"scheme": "la-suite-dans-les-idees"},
    ),
    Case(
        SCHEME,
        intents.ASK_HOW_TO_JOIN,
        "comment on fait pour entrer à l'Adie ?",
        (ABOUT, "how to join"),
        (Kind.FACT,),
        {"scheme": "adie"},
    ),
    Case(
        SCHEME,
        intents.ASK_SCHEME_INFO,
        "c'est quoi exactement l'Adie ?",
        (ABOUT, "what it is"),
        (Kind.FACT,),
        {"scheme": "adie"},
    ),
    # --- action_next_step ----------------------------------------------------------------------
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "et pour avoir mon numéro siret, c'est quoi la démarche ?",
        ("a practical question: who handles it",),
        (Kind.REFERRAL,),
        body="formalites-entreprises",
        slots={"scheme": "bge"},
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "et un parrain qui me conseille, ça se trouve ?",
        ("« et si la banque ne suit pas ? »: another scheme, by the question's words",),
        (Kind.FACT,),
        {"scheme": "reseau-entreprendre"},
        slots={"scheme": "bge"},
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "par quoi je dois commencer, moi ?",
        ("no scheme discussed",),
        (Kind.QUESTION,),
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "et son objectif ?",
        ("a fact, not the next step", ABOUT, "facts asked (not how to join)"),
        (Kind.FACT,),
        {"scheme": "crei-upjv"},
        slots={"scheme": "crei-upjv"},
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "une fois le CREI fait, j'enchaîne sur quoi ?",
        ("its step done: the scheme it leads to",),
        (Kind.NEXT_STEP,),
        {"scheme": "pepite-picardie"},
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "après l'Adie, on continue comment ?",
        ("its step done, nothing follows",),
        (Kind.NEXT_STEP,),
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "d'accord, quelle est la prochaine démarche à faire ?",
        ("its next step",),
        (Kind.NEXT_STEP,),
        {"scheme": "bge"},
        slots={"scheme": "bge"},
    ),
    # --- action_contact ------------------------------------------------------------------------
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "après le PEPITE, je m'adresse où ?",
        ("« après le PEPITE, je vais où ? »: the next step", "its step done: the scheme it leads to"),
        (Kind.NEXT_STEP,),
        {"scheme": "snee"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "mon titre de séjour arrive à expiration, qui je contacte ?",
        ("a practical question: who handles it",),
        (Kind.REFERRAL,),
        body="prefecture",
        slots={"department": "80"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "ça s'adresse à des gens comme moi ?",
        ("a fact or « pour moi ? », not a contact", ABOUT, "whom it is for"),
        (Kind.FACT,),
        {"scheme": "bge"},
        slots={"scheme": "bge"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        T_SAINT_QUENTIN,
        ("a new place said",),
        (Kind.RECOMMENDATION,),
        {"scheme": "initiative-aisne"},
        more=placed(T_SAINT_QUENTIN, "Saint-Quentin", "02"),
        slots={"scheme": "bge", "department": "02", "commune": "Saint-Quentin (02)"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "je m'inscris où pour la BGE ?",
        ("« je m'inscris où ? »: the next step",),
        (Kind.NEXT_STEP,),
        {"scheme": "bge"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "vous avez un numéro de téléphone ?",
        ("no scheme discussed, the person placed: what fits",),
        (Kind.RECOMMENDATION,),
        slots={"department": "59"},
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "vous avez un numéro de téléphone ?",
        ("no scheme discussed: whose contacts?",),
        (Kind.QUESTION,),
    ),
    Case(
        CONTACT,
        intents.ASK_CONTACT,
        "Adie's phone number please",
        ("the contacts",),
        (Kind.CONTACT,),
        {"scheme": "adie"},
        slots={"language": "en"},
    ),
    # --- action_list_schemes -------------------------------------------------------------------
    Case(
        LIST,
        intents.LIST_SCHEMES,
        T_CREIL,
        ("« la plateforme la plus proche de Creil ? »: a contact question", "the contacts"),
        (Kind.CONTACT,),
        {"scheme": "initiative-oise"},
        more=placed(T_CREIL, "Creil", "60"),
        slots={"department": "60"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "montrez-moi ce que propose Bpifrance Création",
        ("a scheme named (not by its operator alone)", ABOUT, "what it is"),
        (Kind.FACT,),
        {"scheme": "bpifrance-creation"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "et leur but c'est quoi ?",
        ("« et son objectif ? »: a fact of the scheme discussed", ABOUT, "its facts"),
        (Kind.FACT,),
        {"scheme": "bge"},
        slots={"scheme": "bge"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "et à Beauvais ?",
        ("« … et à Beauvais ? »: the same contact question, elsewhere", "the contacts"),
        (Kind.CONTACT,),
        {"scheme": "bge"},
        more=placed("et à Beauvais ?", "Beauvais", "60"),
        events=(user("l'adresse de la BGE à Amiens ?", intents.ASK_CONTACT),),
        slots={"scheme": "bge", "department": "60"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        T_LILLE_STUDENT,
        ("a profile said with the question",),
        (Kind.RECOMMENDATION,),
        more=placed(T_LILLE_STUDENT, "Lille", "59"),
        slots={"department": "59"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "et la CCI alors ?",  # the CCI open in the Aisne: the regional one only
        ("« et Initiative ? » said in the Oise: the one open there",),
        (Kind.FACT,),
        {"scheme": "cci-hdf"},
        slots={"department": "02"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "la CCI, elle a quoi comme offres ?",
        ("an operator's schemes",),
        (Kind.LIST,),
        {
            "shown_schemes": [
                "cci-oise-atelier",
                "cci-oise-pack-creation",
                "crea60",
                "dessine-moi-un-entrepreneur",
                "cci-amiens-picardie-formations",
                "cci-hdf",
            ]
        },
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        T_SOMME,
        ("the schemes of a place, or all",),
        (Kind.LIST,),
        more=(department(T_SOMME, "Somme", "80"),),
        slots={"department": "80"},
    ),
    # --- action_recommend ----------------------------------------------------------------------
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "je suis étranger, il me faut quel titre pour monter ma boîte ?",
        ("a practical question, asked alone: who handles it",),
        (Kind.REFERRAL,),
        body="prefecture",
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "comment financer mon projet si la banque refuse ?",
        ("a question the base answers, asked alone",),
        (Kind.FACT,),
        {"scheme": "adie"},
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        T_BANK_LILLE,
        ("a question the base answers, with a profile",),
        (Kind.FACT, Kind.RECOMMENDATION),
        {"scheme": "adie"},
        more=placed(T_BANK_LILLE, "Lille", "59"),
        slots={"department": "59"},
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "je suis étudiant, et Bpifrance Création ça sert à quoi",
        ("a scheme named", ABOUT, "what it is"),
        (Kind.FACT, Kind.RECOMMENDATION),
        {"scheme": "bpifrance-creation"},
        slots={"audience": "student", "department": "80"},
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "je suis salarié, c'est pour moi ?",
        ("« c'est pour moi ? » about the scheme discussed",),
        (Kind.FACT, Kind.RECOMMENDATION),
        {"scheme": "adie"},
        slots={"scheme": "adie", "department": "59", "audience": "employee"},
    ),
    Case(
        RECOMMEND,
        intents.INFORM_PROFILE,
        T_ARRAS,
        ("what fits",),
        (Kind.RECOMMENDATION,),
        more=placed(T_ARRAS, "Arras", "62"),
        slots={"department": "62", "audience": "job_seeker"},
    ),
    # --- action_explain_bad_input --------------------------------------------------------------
    Case(BAD_INPUT, FALLBACK, "??? !!!", ("nothing but symbols",), (Kind.UNKNOWN,)),
    Case(BAD_INPUT, FALLBACK, LONG, ("too long",), (Kind.UNKNOWN,)),
    Case(
        BAD_INPUT,
        FALLBACK,
        "d'où tu tiens ça ?",
        ("« d'où vient ton info ? »", "where this comes from"),
        (Kind.FACT,),
        {"scheme": "adie"},
        slots={"scheme": "adie"},
    ),
    Case(
        BAD_INPUT,
        FALLBACK,
        "besoin d'une licence IV pour mon futur bar",
        ("a practical question: who handles it",),
        (Kind.REFERRAL,),
        body="mairie",
    ),
    Case(
        BAD_INPUT,
        FALLBACK,
        "faut que je trouve un petit crédit",
        ("a question in everyday words the base answers",),
        (Kind.FACT,),
        {"scheme": "adie"},
    ),
    Case(
        BAD_INPUT,
        FALLBACK,
        "Valenciennes",
        ("a profile (a place alone, out of scope, is none)",),
        (Kind.RECOMMENDATION,),
        more=placed("Valenciennes", "Valenciennes", "59"),
        slots={"department": "59"},
    ),
    Case(BAD_INPUT, intents.OUT_OF_SCOPE, "quelle météo demain ?", ("out of scope",), (Kind.UNKNOWN,)),
    Case(BAD_INPUT, FALLBACK, "blablabla", ("not understood",), (Kind.UNKNOWN,)),
    # --- action_greet --------------------------------------------------------------------------
    Case(
        GREET, intents.GREET, "hi there", ("a greeting alone",), (Kind.SMALL_TALK,), slots={"language": "en"}
    ),
    Case(
        GREET,
        intents.GREET,
        T_DOUAI,
        ("a greeting with a place or project",),
        (Kind.SMALL_TALK, Kind.RECOMMENDATION),
        more=placed(T_DOUAI, "Douai", "59"),
        slots={"department": "59"},
    ),
    # --- action_ask_department (the profile form) -----------------------------------------------
    Case(
        ASK_DEPARTMENT,
        intents.INFORM_PROFILE,
        "je suis à Saint-Martin",
        ("a commune of several departments",),
        (Kind.QUESTION,),
        loop=PROFILE_FORM,
        slots={
            "commune": "Saint-Martin",
            "place_candidates": ["Saint-Martin|59|59000", "Saint-Martin|62|62000"],
        },
    ),
    Case(
        ASK_DEPARTMENT,
        intents.INFORM_PROFILE,
        "j'habite à Trifouillis",
        ("a place not found",),
        (Kind.QUESTION,),
        loop=PROFILE_FORM,
        slots={"place_unknown": "Trifouillis"},
    ),
    Case(
        ASK_DEPARTMENT,
        intents.INFORM_PROFILE,
        "la banque me refuse un crédit, comment je m'en sors ?",
        ("no status yet: a question answered, then where",),
        (Kind.FACT, Kind.QUESTION),
        {"scheme": "adie"},
        loop=PROFILE_FORM,
        slots={"stage": "creation", "project_kind": "business"},
    ),
    Case(
        ASK_DEPARTMENT,
        intents.INFORM_PROFILE,
        "je suis étudiante",
        ("already asked for this profile, and answered",),
        (),
        loop=PROFILE_FORM,
        slots={"audience": "student", "asked": ASKED_STUDENT_WHERE},
        after=(ANSWERED,),
    ),
    Case(
        ASK_DEPARTMENT,
        intents.INFORM_PROFILE,
        "je suis étudiante",
        ("help, then where", "what fits what was said so far"),
        (Kind.RECOMMENDATION, Kind.QUESTION),
        {"asked": ASKED_STUDENT_WHERE},
        loop=PROFILE_FORM,
        slots={"audience": "student"},
    ),
    # the help before the form's question (HELP_FIRST)
    Case(
        ASK_DEPARTMENT,
        intents.ASK_SCHEME_INFO,
        "c'est quoi le PEPITE ?",
        ("help, then where", "« y a un PEPITE du côté de Valenciennes ? »: that scheme", ABOUT, "what it is"),
        (Kind.FACT, Kind.QUESTION),
        {"scheme": "pepite-picardie", "asked": ASKED_STUDENT_WHERE},
        loop=PROFILE_FORM,
        slots={"audience": "student"},
    ),
    Case(
        ASK_DEPARTMENT,
        intents.ASK_SCHEME_AUDIENCE,
        "je peux y aller moi ?",
        (
            "help, then where",
            "« je peux y aller ? je suis à Douai »: yes or no, and why",
            ABOUT,
            "for me, and the profile decides",
        ),
        (Kind.FACT, Kind.QUESTION),
        {"scheme": "pepite-picardie"},
        loop=PROFILE_FORM,
        slots={"audience": "student", "scheme": "pepite-picardie"},
    ),
    Case(
        ASK_DEPARTMENT,
        intents.ASK_SCHEME_FACTS,
        "pour faire venir des tissus d'Asie, il faut passer par la douane ?",
        ("help, then where", "a practical question: who handles it"),
        (Kind.REFERRAL, Kind.QUESTION),
        body="douane",
        loop=PROFILE_FORM,
        slots={"audience": "job_seeker"},
    ),
    Case(
        ASK_DEPARTMENT,
        intents.ASK_SCHEME_FACTS,
        "comment je finance mon projet si la banque refuse ?",
        ("help, then where", "a question the base answers"),
        (Kind.FACT, Kind.QUESTION),
        {"scheme": "adie"},
        loop=PROFILE_FORM,
        slots={"audience": "job_seeker"},
    ),
    # --- action_ask_audience (the profile form) -------------------------------------------------
    Case(
        ASK_AUDIENCE,
        intents.INFORM_PROFILE,
        T_COMPIEGNE,
        ("already asked for this profile, and answered",),
        (),
        more=placed(T_COMPIEGNE, "Compiègne", "60"),
        loop=PROFILE_FORM,
        slots={"department": "60", "commune": "Compiègne", "asked": ASKED_COMPIEGNE_WHO},
        after=(ANSWERED,),
    ),
    # the form took the message (a place in the same department) and nothing answered it yet:
    # the question is asked again after what helps, never silence (issue 21, class 8)
    Case(
        ASK_AUDIENCE,
        intents.INFORM_PROFILE,
        "mon futur local serait vers Compiègne",
        ("help, then who", "what fits what was said so far"),
        (Kind.RECOMMENDATION, Kind.QUESTION),
        {"asked": ASKED_COMPIEGNE_WHO},
        more=placed("mon futur local serait vers Compiègne", "Compiègne", "60"),
        loop=PROFILE_FORM,
        slots={"department": "60", "commune": "Compiègne", "asked": ASKED_COMPIEGNE_WHO},
    ),
    Case(
        ASK_AUDIENCE,
        intents.INFORM_PROFILE,
        T_COMPIEGNE,
        ("help, then who", "what fits what was said so far"),
        (Kind.RECOMMENDATION, Kind.QUESTION),
        {"asked": ASKED_COMPIEGNE_WHO},
        more=placed(T_COMPIEGNE, "Compiègne", "60"),
        loop=PROFILE_FORM,
        slots={"department": "60", "commune": "Compiègne"},
    ),
    # --- the rows several tables share: a request to reach someone, « revoir les pistes » -------
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "je préférerais parler avec un conseiller",
        (REACH,),
        (Kind.HANDOFF,),
    ),
    Case(
        NEXT,
        intents.ASK_NEXT_STEP,
        "est-ce qu'un conseiller peut me rappeler demain ?",
        (REACH,),
        (Kind.HANDOFF,),
    ),
    Case(
        CONTACT, intents.ASK_CONTACT, "j'aimerais être recontactée par téléphone", (REACH,), (Kind.HANDOFF,)
    ),
    Case(
        LIST, intents.LIST_SCHEMES, "possible de joindre quelqu'un de chez vous ?", (REACH,), (Kind.HANDOFF,)
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "I'd rather talk to an advisor",
        (REACH,),
        (Kind.HANDOFF,),
        slots={"language": "en"},
    ),
    Case(BAD_INPUT, FALLBACK, "pouvez-vous me rappeler en fin de journée ?", (REACH,), (Kind.HANDOFF,)),
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "vous pouvez me redonner la liste ?",
        (REVIEW,),
        (Kind.RECOMMENDATION,),
        slots={"department": "80"},
    ),
    Case(
        LIST,
        intents.LIST_SCHEMES,
        "on peut revoir les pistes ?",
        (REVIEW,),
        (Kind.RECOMMENDATION,),
        slots={"department": "80"},
    ),
    Case(
        RECOMMEND,
        intents.ASK_RECOMMENDATION,
        "redonnez-moi les pistes svp",
        (REVIEW,),
        (Kind.RECOMMENDATION,),
        slots={"department": "80"},
    ),
    Case(
        BAD_INPUT,
        FALLBACK,
        "revoir les pistes",
        (REVIEW,),
        (Kind.RECOMMENDATION,),
        slots={"department": "80"},
    ),
    # --- a question nothing of the base answers: « je ne sais pas », and who knows ---------------
    Case(
        SCHEME,
        intents.ASK_SCHEME_FACTS,
        "ils sont sympas là-bas ?",
        ("a question about the scheme discussed that nothing of the base answers: who knows",),
        (Kind.UNKNOWN,),
        slots={"scheme": "bge"},
    ),
    Case(
        RECOMMEND,
        intents.INFORM_PROFILE,
        "moi je suis salariée, vous pensez que ça marchera ?",
        ("a question that says nothing new of the person: I don't know, who knows",),
        (Kind.UNKNOWN,),
        slots={"scheme": "adie", "audience": "employee", "department": "59"},
    ),
]


def slot_values(reply: Reply) -> dict[str, Any]:
    """The last value the reply sets for each slot."""
    return {e["name"]: e.get("value") for e in reply.events if e.get("event") == "slot"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_row_answers_its_turn(case: Case) -> None:
    reply = case.run()
    assert reply.route == list(case.route)
    assert [b.kind for b in reply.blocks] == list(case.kinds)
    if not case.kinds:
        assert reply.empty  # nothing said, nothing changed
    values = slot_values(reply)
    for slot, value in case.sets.items():
        assert values.get(slot, "not set") == value, slot
    referrals = [b for b in reply.blocks if b.kind == Kind.REFERRAL]
    if case.body:
        # the body that handles the question is named in the answer's first line
        body = next(r for r in knowledge.load().referrals if r.id == case.body)
        assert [body.name in b.lines[0] for b in referrals] == [True]


def test_a_practical_word_a_schemes_fact_answers_is_not_referred() -> None:
    """« chômage » is a practical word (unemployment benefits), but the ARCE's facts answer the
    question (questions.yml `practical_schemes`): the answer is the ARCE's, no body is named."""
    assert cues.practical_topic(T_ARCE) == "unemployment_benefits"
    assert cues.answers_topic("arce", "unemployment_benefits")
    reply = route(RECOMMEND, intents.ASK_RECOMMENDATION, T_ARCE)
    assert reply.route == ["a question the base answers, asked alone"]
    assert [b.kind for b in reply.blocks] == [Kind.FACT] and "ARCE" in reply.blocks[0].lines[0]
    assert slot_values(reply)["scheme"] == "arce"


def rows() -> list[tuple[str, str, bool]]:
    """(table, row name, whether it must come first in the route) of every row the router has:
    the tables' rows come first (for their own entry); HELP_FIRST's and SCHEME_PARTS' rows come
    after the row that asks them."""
    found = [(entry, row.name, True) for entry, table in TABLES.items() for row in table]
    found += [("HELP_FIRST", row.name, False) for row in HELP_FIRST]
    return found + [("SCHEME_PARTS", name, False) for name, _, _ in SCHEME_PARTS]


def test_every_row_has_a_case() -> None:
    # every row is reachable: no row is left without a case (none had to be marked unreachable)
    missing = []
    for table, name, first in rows():
        if first:
            covered = any(c.entry == table and c.route[0] == name for c in CASES)
        else:
            covered = any(name in c.route[1:] for c in CASES)
        if not covered:
            missing.append(f"{table}: {name}")
    assert not missing, "rows with no case:\n" + "\n".join(missing)


def test_every_route_is_made_of_rows() -> None:
    names = {name for _, name, _ in rows()}
    assert not [(c.id, n) for c in CASES for n in c.route if n not in names]


def test_sentences_are_not_training_sentences() -> None:
    """No test sentence (nor earlier message) is a training sentence of data/nlu.yml or a near
    copy of one (rewrite it without looking at the training data)."""
    _, _, folded = training()
    said = {c.text for c in CASES} | {e["text"] for c in CASES for e in c.events} | {T_ARCE}
    near = [
        text
        for text in sorted(said)
        if process.extractOne(fold(text), folded, scorer=fuzz.ratio, score_cutoff=NEAR)
    ]
    assert not near, f"near copies of training sentences: {near}"
