"""Rasa configuration and this project's code for the Rasa server: NLU components, channels."""

from bot import action_validation  # noqa: F401 - applies itself when the server loads bot.*
