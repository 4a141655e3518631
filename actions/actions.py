"""The Rasa actions that answer: each is an entry into the router (actions/router/), which
decides the reply, and the composer (actions/compose.py), which says it on the channel."""

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import compose, router


class RoutedAction(Action, ABC):
    """An action whose reply the router decides from its table for this action's name."""

    @property
    @abstractmethod
    def entry(self) -> str:
        """The action's name, which names its table in the router."""

    def name(self) -> str:
        return self.entry

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reply = router.respond(self.entry, tracker)
        compose.send(reply, dispatcher, tracker)
        return reply.events


class ActionRecommend(RoutedAction):
    """What fits the profile, once the form has it (or a question said with it)."""

    entry = "action_recommend"


class ActionSchemeAnswer(RoutedAction):
    """A question about one scheme, or two (differences, whether they combine)."""

    entry = "action_scheme_answer"


class ActionNextStep(RoutedAction):
    """The next step of the scheme discussed, then the scheme it leads to."""

    entry = "action_next_step"


class ActionListSchemes(RoutedAction):
    """The schemes of a place, of an operator, or all of them."""

    entry = "action_list_schemes"


class ActionContact(RoutedAction):
    """« téléphone ? », « le site ? », « c'est où ? » for the scheme discussed."""

    entry = "action_contact"


class ActionExplainBadInput(RoutedAction):
    """A message not understood or out of scope (or a question the base answers after all)."""

    entry = "action_explain_bad_input"


class ActionGreet(RoutedAction):
    """A greeting; one that also says where or what is answered as a profile."""

    entry = "action_greet"


class ActionAskDepartment(RoutedAction):
    """The profile form asks where the person is."""

    entry = "action_ask_department"


class ActionAskAudience(RoutedAction):
    """The profile form asks who the person is."""

    entry = "action_ask_audience"
