"""The intents of bot/domain/domain.yml, by name: the router is the one place that compares them."""

GREET = "greet"
GOODBYE = "goodbye"
AFFIRM = "affirm"
DENY = "deny"
OUT_OF_SCOPE = "out_of_scope"
INFORM_PROFILE = "inform_profile"
ASK_RECOMMENDATION = "ask_recommendation"
ASK_SCHEME_INFO = "ask_scheme_info"
ASK_SCHEME_AUDIENCE = "ask_scheme_audience"
ASK_SCHEME_FACTS = "ask_scheme_facts"
ASK_HOW_TO_JOIN = "ask_how_to_join"
ASK_NEXT_STEP = "ask_next_step"
ASK_CONTACT = "ask_contact"
LIST_SCHEMES = "list_schemes"
HANDOFF = "handoff"
WITHDRAW_REQUEST = "withdraw_request"

# A message that tells about the person (their profile is read from its words).
PROFILE = frozenset({INFORM_PROFILE, ASK_RECOMMENDATION})
# Questions the hand-off summary quotes as « the last question » before the request.
QUESTIONS = frozenset(
    {
        ASK_SCHEME_INFO,
        ASK_SCHEME_AUDIENCE,
        ASK_SCHEME_FACTS,
        ASK_HOW_TO_JOIN,
        ASK_NEXT_STEP,
        ASK_CONTACT,
        LIST_SCHEMES,
        OUT_OF_SCOPE,
    }
)
# Intents that end the hand-off form.
CANCEL = frozenset({DENY, GOODBYE, WITHDRAW_REQUEST})
