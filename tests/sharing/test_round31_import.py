"""Round 31: `showcase import` credits the partner council, not its site's name, and marks the
English words it writes into a story in another language as English (tester's findings).

1. stories.json carries `council` (the strategy's `council:`) beside `publisher` (the site's
   name); the import adds the council to `partners:` and names it in "First published by",
   the publisher only for a file without a council (written before the field existed).
2. A story whose language is not English (its `language:`, else the importing site's
   `theme: language:`) gets its attribution line and its `## Source` list's labels as raw HTML
   marked `lang="en"`, the partner's words in that list marked with the story's language.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.sharing.importing import PartnerData, story_text
from generator.sharing.records import OpenData, OpenEvidence, OpenImage, OpenStory
from tests.conftest import INCOME, NOW, STRATEGY, picture, run_cli, story, write_files

SITE = "https://stories.newtown.gov.uk/"
COUNCIL_STRATEGY = STRATEGY.replace("council: Testshire Council", "council: Newtown Council")
NAMELESS_STRATEGY = STRATEGY.replace("council: Testshire Council\n", "")


def _mkdocs(name: str, site_url: str | None = None, language: str | None = None) -> str:
    return (f"site_name: {name}\n" + (f"site_url: {site_url}\n" if site_url else "")
            + "docs_dir: content\ntheme:\n  name: material\n  font: false\n"
            + (f"  language: {language}\n" if language else "") + "plugins:\n  - showcase\n")


WELSH_URL = f"{SITE}stories/ap-newydd/"
WELSH_STORY = story(
    title="Ap newydd i drigolion", summary="Mae ap newydd yn helpu trigolion.", language="cy",
    service="Gwasanaethau digidol", partners="[Cyngor Arall]",
    image="{src: media/ap.png, alt: Siart o'r galwadau}",
    evidence="[{id: ffigurau, path: ffigurau.csv, title: 'Ffigurau & galwadau', public: true}]",
    body="## Her\n\nRoedd y ciw yn hir.\n\n## Effaith\n\nMae'r ciw yn fyr.\n")
ENGLISH_STORY = story(
    title="Shared webchat", slug="shared-webchat", date="2026-04-01",
    partners="[Riverside District Council]", body="## Impact\n\nFewer calls.\n")
NAMED_STORY = story(
    title="Named already", slug="named-already", date="2026-04-02",
    partners="['newtown   COUNCIL', Riverside District Council]", body="## Impact\n\nMore.\n")

WELSH_BODY = (
    f'<p lang="en"><em>First published by Newtown Council at <a href="{WELSH_URL}">{WELSH_URL}'
    "</a> on 2026-03-14. Imported as a draft: check the text, figures and quotes with them "
    "before publishing.</em></p>\n"
    "\n"
    "## Her\n"
    "\n"
    "Roedd y ciw yn hir.\n"
    "\n"
    "## Effaith\n"
    "\n"
    "Mae\u2019r ciw yn fyr.\n"
    "\n"
    "## Source\n"
    "\n"
    "<ul>\n"
    f'<li><span lang="en">Original story:</span> <a href="{WELSH_URL}">{WELSH_URL}</a></li>\n'
    f'<li><span lang="en">Evidence:</span> <a href="{WELSH_URL}evidence/ffigurau.csv">'
    '<span lang="cy">Ffigurau &amp; galwadau</span></a></li>\n'
    f'<li><span lang="en">Lead image:</span> <a href="{WELSH_URL}ap.png">{WELSH_URL}ap.png</a> '
    '(<span lang="cy">Siart o&#39;r galwadau</span>)</li>\n'
    "</ul>\n")


@dataclass(frozen=True)
class Shared:
    """A council's export, a partner project it was imported into, that partner's site built
    with the imported Welsh story published, and check's word on it."""

    export: Path
    data: dict[str, Any]
    schema: dict[str, Any]
    partner: Path
    import_output: str
    page: str
    check_output: str


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    base = tmp_path_factory.mktemp("round31")
    council = write_files(base / "council", {
        "mkdocs.yml": _mkdocs("Newtown Council Showcase", SITE), "content/index.md": "# Home\n",
        "data/strategy.yml": COUNCIL_STRATEGY, "data/income.csv": INCOME,
        "evidence/ffigurau.csv": "mis,galwadau\n2026-01,10\n", "stories/media/ap.png": picture(),
        "stories/2026-03-14-ap-newydd.md": WELSH_STORY,
        "stories/2026-04-01-shared-webchat.md": ENGLISH_STORY,
        "stories/2026-04-02-named-already.md": NAMED_STORY})
    export = base / "out"
    exported = run_cli("export", "-p", str(council), "--now", NOW, "--out", str(export))
    assert exported.exit_code == 0, exported.output
    partner = write_files(base / "partner", {
        "mkdocs.yml": _mkdocs("Partner", "https://partner.example/"),
        "content/index.md": "# Stories\n", "data/strategy.yml": STRATEGY,
        "data/income.csv": INCOME})
    imported = run_cli("import", str(export / "stories.json"), "-p", str(partner), "--now", NOW)
    assert imported.exit_code == 0, imported.output
    welsh = partner / "stories/2026-03-14-ap-newydd.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace(
        "\nstatus: draft\n", "\nstatus: published\n"), encoding="utf-8")
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert checked.exit_code == 0, checked.output
    site = base / "site"
    built = run_cli("build", "-p", str(partner), "--now", NOW, "--site-dir", str(site))
    assert built.exit_code == 0, built.output
    return Shared(
        export=export,
        data=json.loads((export / "stories.json").read_text(encoding="utf-8")),
        schema=json.loads((export / "stories.schema.json").read_text(encoding="utf-8")),
        partner=partner, import_output=imported.output,
        page=(site / "stories/ap-newydd/index.html").read_text(encoding="utf-8"),
        check_output=checked.output)


def _imported(shared: Shared, slug: str, date: str) -> str:
    return (shared.partner / f"stories/{date}-{slug}.md").read_text(encoding="utf-8")


# 1. the council, beside the site's name


def test_stories_json_gives_the_strategys_council_beside_the_sites_name(shared: Shared) -> None:
    assert list(shared.data)[:4] == ["version", "publisher", "council", "site_url"]
    assert shared.data["publisher"] == "Newtown Council Showcase"
    assert shared.data["council"] == "Newtown Council"
    jsonschema.Draft202012Validator.check_schema(shared.schema)
    jsonschema.Draft202012Validator(shared.schema).validate(shared.data)
    council = shared.schema["properties"]["council"]
    assert council["anyOf"] == [{"minLength": 1, "type": "string"}, {"type": "null"}]
    assert council["default"] is None
    assert council["description"] == ("The council that published the stories: the strategy's "
                                      "`council:`; null when the strategy names none.")
    assert "council" not in shared.schema["required"]


def test_a_strategy_without_a_council_gives_null(tmp_path: Path) -> None:
    root = write_files(tmp_path / "council", {
        "mkdocs.yml": _mkdocs("Newtown Council Showcase", SITE), "content/index.md": "# Home\n",
        "data/strategy.yml": NAMELESS_STRATEGY, "data/income.csv": INCOME,
        "stories/2026-04-01-shared-webchat.md": ENGLISH_STORY})
    exported = run_cli("export", "-p", str(root), "--now", NOW, "--out", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.output
    data = json.loads((tmp_path / "out/stories.json").read_text(encoding="utf-8"))
    assert data["publisher"] == "Newtown Council Showcase"
    assert data["council"] is None


def test_the_import_credits_the_council_not_the_sites_name(shared: Shared) -> None:
    text = _imported(shared, "shared-webchat", "2026-04-01")
    assert "\npartners:\n- Riverside District Council\n- Newtown Council\n" in text
    assert "Newtown Council Showcase" not in text
    assert text.split("---\n\n", 1)[1] == (  # an English story: Markdown, as before
        f"*First published by Newtown Council at <{SITE}stories/shared-webchat/> on 2026-04-01. "
        "Imported as a draft: check the text, figures and quotes with them before publishing.*\n"
        "\n"
        "## Impact\n"
        "\n"
        "Fewer calls.\n"
        "\n"
        "## Source\n"
        "\n"
        f"- Original story: <{SITE}stories/shared-webchat/>\n")


def test_a_council_already_among_the_partners_is_not_added_again(shared: Shared) -> None:
    text = _imported(shared, "named-already", "2026-04-02")
    # the story's own "newtown   COUNCIL" is the council: case and extra spaces ignored
    assert "\npartners:\n- newtown COUNCIL\n- Riverside District Council\n---\n" in text


def test_a_file_without_a_council_credits_its_publisher(shared: Shared, tmp_path: Path) -> None:
    older = {key: value for key, value in shared.data.items() if key != "council"}
    older["stories"] = [s for s in older["stories"] if s["id"] == "shared-webchat"]
    file = tmp_path / "stories.json"
    file.write_text(json.dumps(older), encoding="utf-8")
    partner = write_files(tmp_path / "partner", {
        "mkdocs.yml": _mkdocs("Partner"), "data/strategy.yml": STRATEGY})
    imported = run_cli("import", str(file), "-p", str(partner), "--now", NOW)
    assert imported.exit_code == 0, imported.output
    text = (partner / "stories/2026-04-01-shared-webchat.md").read_text(encoding="utf-8")
    assert "\npartners:\n- Riverside District Council\n- Newtown Council Showcase\n" in text
    assert "\n*First published by Newtown Council Showcase at <" in text


# 2. English words in a story in another language, marked English


def test_a_welsh_storys_attribution_and_source_labels_are_marked_english(shared: Shared) -> None:
    text = _imported(shared, "ap-newydd", "2026-03-14")
    assert "\npartners:\n- Cyngor Arall\n- Newtown Council\nlanguage: cy\n---\n" in text
    assert text.split("---\n\n", 1)[1] == WELSH_BODY


def test_the_built_page_has_the_english_paragraph_with_a_working_link(shared: Shared) -> None:
    soup = BeautifulSoup(shared.page, "html.parser")
    body = soup.select_one("div.showcase-body")
    assert body is not None and body["lang"] == "cy"
    first = body.find("p")
    assert first is not None and first.get("lang") == "en"
    assert first.get_text() == (
        f"First published by Newtown Council at {WELSH_URL} on 2026-03-14. Imported as a "
        "draft: check the text, figures and quotes with them before publishing.")
    [link] = first.select("em > a")
    assert link["href"] == WELSH_URL and link.get_text() == WELSH_URL
    assert [(span.get_text(), span["lang"]) for span in body.select("ul > li span")] == [
        ("Original story:", "en"), ("Evidence:", "en"), ("Ffigurau & galwadau", "cy"),
        ("Lead image:", "en"), ("Siart o'r galwadau", "cy")]
    assert [a["href"] for a in body.select("ul > li a")] == [
        WELSH_URL, f"{WELSH_URL}evidence/ffigurau.csv", f"{WELSH_URL}ap.png"]
    assert body.find("h2", id="source") is not None  # the heading stays Markdown: in the contents


def test_check_gives_no_warning_for_the_published_welsh_import(shared: Shared) -> None:
    assert shared.check_output.splitlines()[-1] == (
        "ok: 0 errors, 0 warnings in 3 stories and 0 award files")


def _record(language: str | None = None, url: str | None = "https://x.example/s/a?b=1&c=2",
            title: str = "Teitl <b>&</b>") -> OpenStory:
    return OpenStory(
        id="a", title=title, summary="Crynodeb.", date=dt.date(2026, 1, 1),
        published=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), service="Digidol", outcomes=[],
        url=url, language=language, content_html="<p>Testun.</p>",
        evidence=[OpenEvidence(id="e", title="Data *1* <i>", url="https://x.example/e.csv")],
        image=OpenImage(url="https://x.example/i.png", alt="Llun \"da\""))


def _data(council: str | None = "Cyngor <Sir> & *Co*") -> OpenData:
    return PartnerData.of(OpenData(publisher="Site", council=council, site_url=None,
                                   generated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), stories=[]))


def _body(record: OpenStory, data: OpenData, site_language: str | None = None) -> str:
    return story_text(record, data, set(), [], "stories[0]", site_language).split("---\n\n", 1)[1]


def test_the_sites_language_counts_when_the_story_gives_none() -> None:
    welsh_site = _body(_record(), _data(), "cy")
    assert welsh_site == (
        '<p lang="en"><em>First published by Cyngor &lt;Sir&gt; &amp; *Co* at '
        '<a href="https://x.example/s/a?b=1&amp;c=2">https://x.example/s/a?b=1&amp;c=2</a> on '
        "2026-01-01. Imported as a draft: check the text, figures and quotes with them before "
        "publishing.</em></p>\n\nTestun.\n\n## Source\n\n<ul>\n"
        '<li><span lang="en">Original story:</span> <a href="https://x.example/s/a?b=1&amp;c=2">'
        "https://x.example/s/a?b=1&amp;c=2</a></li>\n"
        '<li><span lang="en">Evidence:</span> <a href="https://x.example/e.csv">'
        '<span lang="cy">Data *1* &lt;i&gt;</span></a></li>\n'
        '<li><span lang="en">Lead image:</span> <a href="https://x.example/i.png">'
        'https://x.example/i.png</a> (<span lang="cy">Llun &#34;da&#34;</span>)</li>\n</ul>\n')
    for english in (None, "en", "en-GB", "EN_us"):
        assert _body(_record(), _data(), english).startswith(
            r"*First published by Cyngor &lt;Sir> & \*Co\* at <https://x.example/s/a?b=1&c=2> on")
    assert _body(_record(language="en"), _data(), "cy").startswith("*First published by ")
    assert _body(_record(language="cy"), _data(), "en").startswith('<p lang="en"><em>First ')


def test_a_right_to_left_story_gives_each_marked_part_its_direction() -> None:
    body = _body(_record(language="ar", url=None, title="عنوان & <x>"), _data(None))
    assert body == (
        '<p lang="en" dir="ltr"><em>First published by Site on 2026-01-01. Imported as a draft: '
        "check the text, figures and quotes with them before publishing.</em></p>\n\n"
        "Testun.\n\n## Source\n\n<ul>\n"
        '<li><span lang="en" dir="ltr">Original story:</span> '
        '<span lang="ar" dir="rtl">عنوان &amp; &lt;x&gt;</span> (Site)</li>\n'
        '<li><span lang="en" dir="ltr">Evidence:</span> <a href="https://x.example/e.csv">'
        '<span lang="ar" dir="rtl">Data *1* &lt;i&gt;</span></a></li>\n'
        '<li><span lang="en" dir="ltr">Lead image:</span> <a href="https://x.example/i.png">'
        'https://x.example/i.png</a> (<span lang="ar" dir="rtl">Llun &#34;da&#34;</span>)</li>\n'
        "</ul>\n")


def test_a_councils_control_characters_are_taken_out_and_said() -> None:
    notes: list[str] = []
    data = _data("Cyngor\u202e Sir\nNewydd")
    removed = data.publisher_removed  # type: ignore[attr-defined]
    assert removed.fields == ["council"] and removed.direction == 1
    text = story_text(_record(language="cy"), data, set(), notes)
    assert "\npartners:\n- Cyngor Sir Newydd\n" in text
    assert '<p lang="en"><em>First published by Cyngor Sir Newydd at ' in text
