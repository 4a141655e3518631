"""What an answer function returns: the answer's parts, not yet the messages of a channel
(actions/compose.py makes those)."""

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Kind(str, Enum):
    """What kind of answer a block is (the operators count them)."""

    RECOMMENDATION = "recommendation"
    FACT = "fact"
    CONTACT = "contact"
    LIST = "list"
    NEXT_STEP = "next_step"
    QUESTION = "question"  # the advisor asks (where, who, which scheme)
    UNKNOWN = "unknown"  # « je ne sais pas », not understood, out of scope
    REFERRAL = "referral"  # the body that handles a practical question
    SMALL_TALK = "small_talk"
    HANDOFF = "handoff"


@dataclass(frozen=True)
class Item:
    """One recommended scheme: what it is (its name), why it fits, its next step, its site."""

    scheme_id: str
    name: str  # as said in the text (the variant of the person's department)
    title: str  # as said on a card
    why: str
    step: str
    url: str | None
    way: str | None = None  # how to get in where no local scheme is known (a national one)


@dataclass
class Block:
    """One answer: a lead line and the lines after it, the items, a source line, buttons, and
    an offer (a second message with its own buttons); or a response of the domain."""

    kind: Kind
    lang: str
    lines: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # lines after the items
    source: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    offer: str | None = None  # « Voulez-vous en savoir plus … ? », with `offer_buttons`
    offer_buttons: list[dict[str, str]] = field(default_factory=list)
    cards: bool = False  # the items as cards too, where the channel draws them
    response: str | None = None  # a response of the domain (utter_greet), instead of lines
    details: set[str] = field(default_factory=set)  # lines left out first on a small screen
    again: bool = False  # asked for again (« revoir les pistes »): said whole even if said before
    subject: str = ""  # whom and where a recommendation is for (« salarié, à Abbeville (Somme) »)


@dataclass
class Reply:
    """The blocks said in one turn, in order, and the conversation's changes (slot events)."""

    blocks: list[Block] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    route: list[str] = field(default_factory=list)  # the router's rows that chose it, outermost first

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.events


def said(block: Block, events: list[dict[str, Any]] | None = None) -> Reply:
    """A reply of one block."""
    return Reply([block], list(events or []))
