"""Links between generated pages, Markdown-safe titles and byte-identical charts (pure core)."""

from __future__ import annotations

import posixpath
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import project
from generator.awardbook import AwardBook
from generator.catalogue import collect
from generator.model.strategy import SuccessCriterion
from generator.site import urls, views
from generator.site.charts import criterion_chart
from generator.site.criteria import Evaluation, Point
from generator.site.render import CARD_TEMPLATE, Cards, environment, fill, markdown_text
from tests.conftest import NOW, REPO


@pytest.mark.parametrize(("here", "there", "expected"), [
    ("index.md", "stories/index.md", "stories/"),
    ("stories/a/index.md", "stories/index.md", "../"),
    ("stories/a/index.md", "stories/a/photo.png", "photo.png"),
    ("stories/page/2/index.md", "stories/index.md", "../../"),
    ("stories/page/2/index.md", "stories/page/3/index.md", "../3/"),
    ("tags/x/index.md", "index.md", "../../"),
    ("about.md", "stories/index.md", "../stories/"),
])
def test_relative_links(here: str, there: str, expected: str) -> None:
    assert urls.relative(here, there) == expected


_PATHS = st.lists(st.sampled_from(["a", "b", "stories", "index.html", "photo.png", "", ".", ".."]),
                  max_size=5).map("/".join).filter(lambda p: not p.startswith("/"))


@given(_PATHS, _PATHS)
def test_fast_relpath_agrees_with_posixpath(path: str, start: str) -> None:
    assert urls._relpath(path, start) == posixpath.relpath(path or ".", start or ".")


def test_relative_links_without_directory_urls() -> None:
    assert urls.relative("stories/a/index.md", "tags/x/index.md", False) == "../../tags/x/index.html"


def test_titles_are_inert_in_markdown() -> None:
    assert markdown_text("[Click](javascript:x) <b>*bold*</b> # 1.") == \
        r"\[Click\]\(javascript:x\) &lt;b\>\*bold\*&lt;/b\> \# 1\."


@pytest.mark.parametrize("title", [
    "Council tax: now online", "Parks ~ Trees & Green", "Bins | Recycling", "https://example.org/a_b",
    "A *b* _c_ `d` [e](f) {#g} <i>h</i> #1 + 2 - 3. !", "~~struck~~ and :smile:", "ends with #",
    "Back\\slash", "Recovery: 2026 {: .class}",
])
def test_a_title_in_a_heading_reads_back_exactly(title: str) -> None:
    """What `|md` makes of a title is shown as the title, not one backslash more or less
    (a colon was shown as \\: on the public site), with MkDocs' own extensions."""
    import markdown
    from markupsafe import Markup as M

    html = markdown.markdown(f"# {markdown_text(title)}",
                             extensions=["toc", "tables", "fenced_code", "attr_list"])
    assert html.startswith("<h1") and html.endswith("</h1>")
    inner = html[html.index(">") + 1:-len("</h1>")]
    assert "<" not in inner.replace("&lt;", "")  # text only: no element made of it
    assert M(inner).unescape() == title


def test_fill_is_one_pass() -> None:
    fragments = {"SHOWCASEFRAGMENT1Z": "<p>SHOWCASEFRAGMENT2Z</p>", "SHOWCASEFRAGMENT2Z": "<b>x</b>"}
    assert fill("<p>SHOWCASEFRAGMENT1Z</p><p>SHOWCASEFRAGMENT2Z</p>", fragments) == \
        "<p>SHOWCASEFRAGMENT2Z</p><b>x</b>"


def test_charts_are_byte_identical_and_ids_are_salted() -> None:
    criterion = SuccessCriterion(id="staff", title="Staff", measure="series", file="s.csv",
                                 column="council_percent", compare="national_percent",
                                 goal="above-compare", unit="percent")
    assert criterion.unit is not None
    evaluation = Evaluation(criterion, 68.0, True, criterion.unit,
                            [Point("2025", 63.5, 64.5), Point("2026", 68.0, 65.0)], "rule",
                            "council_percent", "national_percent")
    first, second = criterion_chart(evaluation), criterion_chart(evaluation)
    assert first is not None and first == second
    assert 'id="figure_1"' not in first.inner and "<metadata>" not in first.inner
    assert "Council (%)" in first.inner and "National (%)" in first.inner


@pytest.fixture(scope="module")
def example_views() -> list[views.StoryView]:
    now = datetime.fromisoformat(NOW)
    catalogue = collect(project.discover(REPO), now)
    titles = {o.id: o.title for o in catalogue.strategy.outcomes} if catalogue.strategy else {}
    return [views.story_view(catalogue, s, titles, AwardBook()) for s in catalogue.public_stories(now)]


@given(link=st.text(max_size=40), level=st.sampled_from([2, 3]), index=st.integers(0, 100))
def test_a_kept_card_is_the_card_rendered_with_its_link(example_views: list[views.StoryView],
                                                         link: str, level: int,
                                                         index: int) -> None:
    """Cards are rendered once around a stand-in link; each link put in comes out exactly as
    the card rendered with it (escaped as the template escapes it)."""
    view = example_views[index % len(example_views)]
    cards = Cards()
    cards.card(view, level, "../elsewhere/")  # the first use keeps the card
    direct = environment().get_template(CARD_TEMPLATE).render(v=view, level=level, link=link)
    assert cards.card(view, level, link) == direct
