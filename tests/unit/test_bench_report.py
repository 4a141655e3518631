"""The README shows the table generated from the committed report of the last `make bench`."""

from bench import summary


def test_readme_table_is_the_generated_one() -> None:
    readme = summary.README.read_text(encoding="utf-8")
    assert summary.block(summary.load()) in readme, "run `make bench`: README.md is out of date"


def test_load_conversations_are_twenty_turns_written_apart_from_the_training_data() -> None:
    import re

    from bench import load

    examples = summary.ROOT.joinpath("data", "nlu.yml").read_text(encoding="utf-8").lower().splitlines()
    trained = {re.sub(r"^\s*- ", "", line).strip() for line in examples}
    for name in ("advisor", "minimal"):
        assert all(len(script) == 20 for script in load.scripts(name))
        assert all(isinstance(m, str) for script in load.scripts(name) for m in script)  # no YAML `yes`
    copied = [m for script in load.scripts("advisor") for m in script if m.lower().strip() in trained]
    assert not copied, copied
