"""Helpers shared by the tests of every folder: paths, REST and Telegram clients, the fake
Telegram Bot API, calls to the served Rasa's HTTP API."""
