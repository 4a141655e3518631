"""The README shows the table generated from the committed report of the last `make bench`."""

from bench import summary


def test_readme_table_is_the_generated_one() -> None:
    readme = summary.README.read_text(encoding="utf-8")
    assert summary.block(summary.load()) in readme, "run `make bench`: README.md is out of date"
