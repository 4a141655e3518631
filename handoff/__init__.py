"""Hand-off to a human advisor: requests stored in the project's database (an outbox), sent
to the operators' inboxes by one worker process (`python -m handoff`), by e-mail and/or a
signed webhook, each exactly once. Plain Python with no Rasa import.
"""
