"""Material's search finds a story written in Arabic or Welsh by a word of it, typed as a
keyboard of that language sends it: each key down with its text, then up (rounds 23-25: a
tester's script that inserted the text without key events saw no result; Material searches on
key events)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.browser.conftest import open_context, serve
from tests.browser.test_search import open_search
from tests.conftest import story
from tests.site.conftest import Built, built_fine, site_project, write

pytestmark = pytest.mark.browser

ARABIC = "خدمة المكتبة الرقمية الجديدة"


@pytest.fixture(scope="module")
def languages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write(tmp_path_factory.mktemp("search-languages"), {
        **site_project(),
        "stories/2026-03-14-arabic.md": story(
            title=ARABIC, summary="ملخص القصة في جملة واحدة.", slug="arabic", language="ar",
            tags="[الإسكان]", body="## التحدي\n\nنص القصة عن المكتبة.\n"),
        "stories/2026-03-15-welsh.md": story(
            title="Ap llyfrgell newydd i breswylwyr", summary="Roedd y llyfrgell yn brysur.",
            slug="welsh", language="cy"),
        "stories/2026-03-16-english.md": story(title="An English story", slug="english"),
        "stories/2026-03-17-llyn.md": story(
            title="Gwasanaeth bws Llŷn", summary="Mae'r ganolfan ar gael ar y ffôn.", slug="llyn",
            language="cy", body="## Yr her\n\nRoedd pobl Pen Llŷn yn aros am y bws.\n"),
    })
    site: Built = built_fine(root)
    yield from serve(site.site)


@contextmanager
def _searched(browser: Any, base: str, words: str, shown: str) -> Iterator[Any]:
    """The home page with `words` typed into Material's search, as a keyboard sends them (each
    key down with its text, then up), once `shown` (a selector) is on it; no request leaves."""
    context, seen = open_context(browser, base, viewport={"width": 1280, "height": 800})
    try:
        page = open_search(context, base)
        keys = context.new_cdp_session(page)
        for character in words:
            keys.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": character,
                                                 "unmodifiedText": character, "key": character})
            keys.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": character})
        page.locator(shown).first.wait_for(timeout=10_000)
        yield page
        assert seen.outside == []
    finally:
        context.close()


def _search(browser: Any, base: str, words: str) -> list[str]:
    with _searched(browser, base, words, ".md-search-result__item") as page:
        return list(page.locator(".md-search-result__item h1, .md-search-result__item h2"
                                 ).all_inner_texts())


@pytest.mark.parametrize(("words", "found"), [
    ("المكتبة", ARABIC),  # a word of the title
    ("القصة", ARABIC),  # of the summary and body
    ("الإسكان", ARABIC),  # the tag
    ("llyfrgell", "Ap llyfrgell newydd i breswylwyr"),
    # typed without the accents a keyboard has no key for (welsh28 #5)
    ("Llyn", "Gwasanaeth bws Llŷn"),  # the title
    ("ffon", "Gwasanaeth bws Llŷn"),  # the summary
    ("Llŷn", "Gwasanaeth bws Llŷn"),  # and with them, as before
])
def test_a_word_of_a_story_in_another_language_finds_it(
        browser: Any, languages_url: str, words: str, found: str) -> None:
    assert found in _search(browser, languages_url, words)



def _result_marks(browser: Any, base: str, words: str) -> list[tuple[str, str | None, str | None]]:
    """(text, lang, dir) of each result's title and text, once the results are marked."""
    with _searched(browser, base, words, ".md-search-result__item h1[lang]") as page:
        return [(" ".join(part.inner_text().split()), part.get_attribute("lang"),
                 part.get_attribute("dir"))
                for part in page.locator(".md-search-result__item article h1, "
                                         ".md-search-result__item article > p").all()]


def test_a_result_from_a_story_in_its_own_language_is_marked_so(
        browser: Any, languages_url: str) -> None:
    """resident30 (WCAG 3.1.2): the results of an Arabic story were read in the page's English
    voice and laid out left to right, its full stop at the wrong end."""
    marks = _result_marks(browser, languages_url, "المكتبة")
    assert (ARABIC, "ar", "rtl") in marks
    assert all((lang, way) == ("ar", "rtl") for text, lang, way in marks if "المكتبة" in text)
