"""The accessibility statement follows GOV.UK's model, and `showcase check` says when it is due a review."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.browser.conftest import STATS
from tests.conftest import NOW, ProjectFactory, run_cli
from tests.site.conftest import Built


class _Text(HTMLParser):
    """Headings (level, text) and the plain text of a page's <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._depth = 0
        self._heading: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._depth += 1
        if self._depth and re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, (text + data).strip())


@pytest.fixture(scope="module")
def statement(built: Built) -> _Text:
    parser = _Text()
    parser.feed(built.html("accessibility/"))
    return parser


#: GOV.UK's sample statement: the sections a public sector body's statement must have
SECTIONS = [
    (1, "Accessibility statement for the Example Borough Council digital showcase"),
    (2, "How accessible this website is"),
    (2, "Feedback and contact information"),
    (2, "Reporting accessibility problems with this website"),
    (2, "Enforcement procedure"),
    (2, "Technical information about this website's accessibility"),
    (3, "Compliance status"),
    (2, "Non-accessible content"),
    (3, "Non-compliance with the accessibility regulations"),
    (3, "Disproportionate burden"),
    (3, "Content that's not within the scope of the accessibility regulations"),
    (2, "What we're doing to improve accessibility"),
    (2, "Preparation of this accessibility statement"),
]


def test_the_statement_has_govuk_sections_in_order(statement: _Text) -> None:
    found = [h for h in statement.headings if h in SECTIONS]
    STATS.check(len(SECTIONS))
    assert found == SECTIONS


@pytest.mark.parametrize("words", [
    "This website is partially compliant with the",  # compliance status
    "Web Content Accessibility Guidelines version 2.2",
    "This fails WCAG 2.2 success criterion",  # non-accessible content and why
    "in a different format, like accessible PDF, large print, easy read, audio recording or braille",
    "email digital.showcase@example.gov.uk",  # contact
    "call 01632 960000",
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing",  # enforcement
    "contact the Equality Advisory and Support Service (EASS)",
    "This statement was prepared on 1 June 2026. It was last reviewed on 26 November 2026.",
])
def test_the_statement_says(statement: _Text, words: str) -> None:
    STATS.check()
    assert words in re.sub(r"\s+", " ", "".join(statement.text))


STATEMENT = "---\ntitle: Accessibility statement\nlast_reviewed: {reviewed}\n---\n\n# Accessibility statement\n"
WARNING = "content/accessibility.md:3: warning: last_reviewed: {reviewed} is more than 12 months ago: " \
          "review the statement and update the date"


@pytest.mark.parametrize(("reviewed", "warned"), [
    ("2026-10-15", False),
    ("2025-11-26", False),  # exactly 12 months (365 days) before NOW
    ("2025-11-25", True),
    ("2019-01-31", True),
])
def test_check_warns_when_the_statement_was_last_reviewed_over_12_months_ago(
        make_project: ProjectFactory, reviewed: str, warned: bool) -> None:
    root = make_project({"content/accessibility.md": STATEMENT.format(reviewed=reviewed)})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    STATS.check(2)
    assert result.exit_code == 0, result.output
    assert (WARNING.format(reviewed=reviewed) in result.output.splitlines()) is warned
    assert ("last_reviewed" in result.output) is warned


def test_check_warns_when_the_statement_has_no_review_date(make_project: ProjectFactory) -> None:
    root = make_project({"content/accessibility.md": "---\ntitle: Accessibility statement\n---\n\n# A\n"})
    result = run_cli("check", "-p", str(root), "--now", NOW)
    STATS.check(2)
    assert result.exit_code == 0, result.output
    assert ("content/accessibility.md:2: warning: last_reviewed: is missing: add last_reviewed: YYYY-MM-DD "
            "(the date the statement was last reviewed)") in result.output.splitlines()
