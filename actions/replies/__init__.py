"""The answer functions: each builds a reply (actions/answer.py) from the knowledge base; the
router (actions/router.py) decides which one answers a turn."""
