"""The conversation's own turns: greetings, messages not understood, and the questions that
ask where and who the person is."""

from rasa_sdk.events import SlotSet

from actions.answer import Block, Kind, Reply, said
from actions.compose import handoff_button
from actions.context import candidate, kb
from actions.messages import AUDIENCE_BUTTONS, join, say
from actions.turn import Turn


def response(turn: Turn, name: str, kind: Kind = Kind.SMALL_TALK) -> Reply:
    """A response of the domain (« utter_greet »)."""
    return said(Block(kind, turn.lang, response=name))


def sentence(turn: Turn, key: str, kind: Kind) -> Reply:
    """One sentence of actions/messages, alone."""
    return said(Block(kind, turn.lang, [say(key, turn.lang)]))


def audience_buttons(lang: str) -> list[dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in AUDIENCE_BUTTONS[lang]]


def ambiguous_place(turn: Turn) -> Reply:
    """Several communes of that name, or a former region: which department, with buttons."""
    lang, places = turn.lang, kb().places
    commune = turn.slot("commune")
    options, buttons = [], []
    for encoded in turn.slot("place_candidates") or []:
        name, department, code = candidate(encoded)
        department_name = places.department_name(department)
        label = f"{department_name} ({code})" if code else department_name
        options.append(label)
        payload = f"{name} {code}".strip() if code else department_name
        buttons.append({"title": f"{name} – {label}" if name else department_name, "payload": payload})
    if commune:
        text = say("ask_department_ambiguous", lang, name=commune, options=join(options, lang))
    else:
        text = say("ask_department_region", lang, options=join(options, lang))
    return said(Block(Kind.QUESTION, lang, [text], buttons=buttons))


def unknown_place(turn: Turn) -> Reply:
    """A place not found among the region's communes: which one, then."""
    text = say("ask_department_unknown", turn.lang, name=turn.slot("place_unknown"))
    return said(Block(Kind.QUESTION, turn.lang, [text]))


def profile_question(turn: Turn, question: str, after_help: bool, asked: str) -> Reply:
    """The form's question (where, or who), shorter after an answer that helped already
    (`after_help`); `asked` remembers it for this profile, so that it is not asked again."""
    lang = turn.lang
    key = (
        {"ask_department": "refine_department", "ask_audience": "refine_audience"}[question]
        if after_help
        else question
    )
    buttons = audience_buttons(lang) if question == "ask_audience" else []
    return said(Block(Kind.QUESTION, lang, [say(key, lang)], buttons=buttons), [SlotSet("asked", asked)])


def reach_someone(turn: Turn) -> Reply:
    """A request to reach a person: the hand-off, by its button or its words."""
    from_scheme = turn.current
    button = [handoff_button(from_scheme, turn.lang)]
    return said(Block(Kind.HANDOFF, turn.lang, [say("reach_someone", turn.lang)], buttons=button))
