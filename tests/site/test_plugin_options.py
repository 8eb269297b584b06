"""The plugin's counts refuse values that would silently empty listings or feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.conftest import build, site_project, write


@pytest.mark.parametrize(("option", "value"), [("per_page", "0"), ("feed_items", "-1"),
                                               ("search_full_text_limit", "-5"), ("per_page", "true"),
                                               ("feed_items", "ten")])
def test_bad_counts_are_refused_with_the_option_named(tmp_path: Path, option: str, value: str) -> None:
    files = site_project()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("      per_page: 20\n",
                                                      f"      per_page: 20\n      {option}: {value}\n")
    if option == "per_page":
        files["mkdocs.yml"] = files["mkdocs.yml"].replace("      per_page: 20\n", "", 1)
    built = build(write(tmp_path, files), tmp_path / "site")
    assert built.result.exit_code == 1
    shown = {"true": "True", "ten": "'ten'"}.get(value, value)
    assert (f"Plugin 'showcase' option '{option}': Expected a whole number of at least "
            f"{0 if option == 'search_full_text_limit' else 1}, but received: {shown}") in built.result.output
