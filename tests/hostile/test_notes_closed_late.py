"""An internal note runs to its `-->` even when a `--!>` comes first (fuzz36 F2): browsers end
it at the `--!>`, but what the author wrote up to the `-->` reaches no byte of a site or pack,
and check says so at the line."""

from __future__ import annotations

import gzip
import io
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from generator.sanitize import clean, early_note_ends, strip_comments, unclosed_comment
from tests.conftest import INCOME, NOW, run_cli, story, write_files

MARK = "privmarkq"
BODY = (
    "## Challenge\n\nSeen before.\n\n"
    f"<!-- x --!>{MARK}1 -->\n\n"                       # fuzz36's line
    f"Seen between. <!-- a --!> {MARK}2 --!> {MARK}3 --> seen after.\n\n"
    f"<!<!-- joined -->-- b --!> {MARK}4 -->\n\n"      # removing a note opens a new one
    f"<!--> {MARK}5 -->\n\n"                            # browsers end `<!-->` at once
    f"`<!-- code --!> {MARK}6 -->`\n\n"
    "## Impact\n\n"
    f"Calls fell. <!-- check --!> {MARK}7 --> by a fifth.\n\n"
    f"- item <!-- n --!>\n  {MARK}8 -->\n"
)
AWARD = """\
name: Test Awards 2027
deadline: 2027-01-15
stories: [late]
questions:
  - {id: impact, prompt: What changed?, words: 200, compose: "section: Impact"}
  - {id: statement, prompt: Tell us., words: 200}
"""
CONFIG = ("site_name: T\nsite_url: https://example.org/\ndocs_dir: content\n"
          "plugins:\n  - search\n  - showcase\n")


@dataclass(frozen=True)
class Outputs:
    """One project's check output, built site and pack."""

    check: str
    site: Path
    pack: Path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    root = write_files(tmp_path_factory.mktemp("late"), {
        "mkdocs.yml": CONFIG, "content/index.md": "# Home\n",
        "data/strategy.yml": _strategy(), "data/income.csv": INCOME,
        "awards/test-awards.yml": AWARD,
        "awards/test-awards/statement.md": f"We did it. <!-- ask --!> {MARK}9 --> Done.\n",
        "stories/late.md": story(slug="late", tags="[shared]", body=BODY,
                                 summary=f"'Calls fell. <!-- n --!> {MARK}10 --> Really.'"),
    })
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    built = run_cli("build", "-p", str(root), "--site-dir", str(root / "site"), "--now", NOW)
    assert built.exit_code == 0, built.output
    packed = run_cli("pack", "test-awards", "-p", str(root), "--now", NOW,
                     "--out", str(root / "dist"))
    assert packed.exit_code in (0, 1), packed.output
    return Outputs(checked.output, root / "site", root / "dist" / "test-awards.zip")


def _strategy() -> str:
    from tests.conftest import STRATEGY
    return STRATEGY


def test_the_site_publishes_no_byte_of_the_notes(outputs: Outputs) -> None:
    files = {p.relative_to(outputs.site).as_posix(): p.read_bytes()
             for p in outputs.site.rglob("*") if p.is_file()}
    for name in [name for name in files if name.endswith(".gz")]:
        files[name] = gzip.decompress(files[name])
    assert {"search/search_index.json", "data/stories.json", "sitemap.xml", "feeds/atom.xml",
            "feeds/rss.xml", "feeds/feed.json"} <= set(files)
    assert [name for name, data in files.items() if MARK.encode() in data.lower()] == []
    page = files["stories/late/index.html"].decode()
    for seen in ("Seen before.", "Seen between.", "seen after.", "Calls fell.", "by a fifth."):
        assert seen in page
    assert "--!&gt;" not in page and "-&gt;" not in page


def test_the_pack_sends_no_word_of_the_notes(outputs: Outputs) -> None:
    with zipfile.ZipFile(outputs.pack) as pack:
        members = {name: pack.read(name) for name in pack.namelist()}
    assert {"answers/impact.md", "answers/statement.md", "entry.html", "entry.pdf",
            "entry.docx"} <= set(members)
    assert [name for name, data in members.items() if MARK.encode() in data.lower()] == []
    pdf = subprocess.run(["pdftotext", "-", "-"], input=members["entry.pdf"], check=True,
                         capture_output=True).stdout.decode()
    document = docx.Document(io.BytesIO(members["entry.docx"]))
    words = "\n".join([p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells])
    for text in (pdf, words):
        assert MARK not in text.lower()
        assert "Calls fell." in text and "We did it." in text
    assert "Calls fell.  by a fifth.\n\n- item\n" in members["answers/impact.md"].decode()
    assert members["answers/statement.md"].decode() == "We did it.  Done.\n"


def test_check_warns_at_each_early_end(outputs: Outputs) -> None:
    """One warning a line (two on line 17 are one), in the body and in a field; a note that
    removing another opens (line 19) is left out all the same, unwarned."""
    warned = [line for line in outputs.check.splitlines() if '"--!>"' in line]
    message = ('an internal note "<!--" has "--!>" before its "-->": "--!>" does not end the '
               'note, so everything up to the "-->" is left out (a browser\'s preview would '
               'show it): end the note with "-->" only')
    assert warned == [f"stories/late.md:{line}: warning: {field}: {message}" for line, field in
                      [(3, "summary"), (15, "body"), (17, "body"), (23, "body"), (27, "body"),
                       (29, "body")]]


def test_the_rule_itself() -> None:
    assert strip_comments("a <!-- x --!> secret --> b") == "a  b"
    assert strip_comments("a <!<!-- x -->-- y --!> secret --> b") == "a  b"
    assert strip_comments("a <!-- x --!> secret") == "a "  # no `-->`: unclosed, to the end
    assert unclosed_comment("a <!-- x --!> secret") == 2
    assert unclosed_comment("a <!-- x --!> y --> b") is None
    assert early_note_ends("a <!-- x --!> y --> b <!-- z --> --!> c") == [9]
    assert early_note_ends("a <!-- x --!> y") == []  # told as unclosed instead
    # nh3 (as browsers) would end the note at `--!>` and keep the rest: it is never asked to
    assert clean("<p>a <!-- x --!> secret --> b</p>") == "<p>a  b</p>"
    assert clean("<p>a &lt;!-- x --!&gt; shown --&gt;</p>") == \
        "<p>a &lt;!-- x --!&gt; shown --&gt;</p>"  # escaped text is text, not a note


def test_notes_that_removals_open_are_removed_in_one_pass() -> None:
    """`<!<!<!-- a -->-- b -->-- c -->` nested 100,000 deep (1 MB): removed again and again it
    took time in the square of its size; one pass takes a fraction of a second."""
    import time

    depth = 100_000
    text = "Seen. " + "<!" * depth + f"<!-- {MARK} -->" + f"-- {MARK} -->" * depth + " Also seen."
    started = time.perf_counter()
    assert strip_comments(text) == "Seen.  Also seen."
    assert time.perf_counter() - started < 3
