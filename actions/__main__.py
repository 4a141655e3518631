"""Start the action server after checking the knowledge base: `python -m actions`.

An invalid knowledge base stops the start with a message naming the file, scheme and field.
The server listens on 127.0.0.1 unless --host says otherwise.
"""

import argparse
import os
import sys
import warnings

import knowledge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    os.environ["SANIC_HOST"] = args.host  # read by rasa_sdk.endpoint.run
    try:
        knowledge.load()
    except knowledge.KnowledgeError as error:
        sys.exit(f"Invalid knowledge base, the action server does not start: {error}")
    import sanic  # noqa: F401 - its import puts a filter for every DeprecationWarning in front

    # rasa_sdk's CORS extension warns about distutils, which nobody running the server can fix.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"sanic_cors\.")
    from rasa_sdk.endpoint import run

    import actions.actions  # noqa: F401 - fail here, loudly, if an action module is broken
    import actions.handoff  # noqa: F401
    import actions.profile  # noqa: F401

    run("actions", port=args.port)


if __name__ == "__main__":
    main()
