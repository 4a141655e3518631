"""Start the action server after checking the knowledge base: `python -m actions`.

An invalid knowledge base stops the start with a message naming the file, scheme and field.
"""

import argparse
import sys

import knowledge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    try:
        knowledge.load()
    except knowledge.KnowledgeError as error:
        sys.exit(f"Invalid knowledge base, the action server does not start: {error}")
    from rasa_sdk.endpoint import run

    import actions.answers  # noqa: F401 - fail here, loudly, if an action module is broken
    import actions.profile  # noqa: F401

    run("actions", port=args.port)


if __name__ == "__main__":
    main()
