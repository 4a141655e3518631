"""Rasa configuration and this project's code for the Rasa server: NLU components, policies,
channels, the conversation store.

Importing it (Rasa does, to load the channels and components) silences the dependencies'
start-up warnings (bot/quiet.py), then installs this project's replacements of Rasa
internals (bot/rasa_patches/), each of which refuses another Rasa version than 3.6.21.
"""

from bot import quiet

quiet.install()

from bot import rasa_patches  # noqa: E402 - after the warning filters

rasa_patches.install()
