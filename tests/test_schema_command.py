"""`showcase schema`: the JSON Schemas shipped in schemas/ are the model's, describe the files
people write (every file `check` accepts is valid, drafts included), and reject what they can
of what `check` rejects: one verdict for one file."""

from __future__ import annotations

import json
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalogue import Catalogue, collect
from generator.clock import now
from generator.project import discover
from generator.reading import frontmatter, safe_yaml
from generator.schemas import SCHEMAS, schema_texts
from tests.conftest import NOW, REPO, STRATEGY, ProjectFactory, picture, run_cli, story, write_files


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    """The shipped schema `name`, asserting formats (date, date-time) as editors do."""
    schema = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _schema_errors(name: str, data: Any) -> list[str]:
    return sorted(f"{e.json_path}: {e.message}" for e in _validator(name).iter_errors(data))


def _story_data(text: str) -> Any:
    return frontmatter.parse(text).fields.data


def _yaml_data(text: str) -> Any:
    return safe_yaml.load(text).data


def test_shipped_schemas_match_the_model() -> None:
    for name, text in schema_texts().items():
        shipped = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert shipped == text, f"schemas/{name} is out of date: run showcase schema"


def test_schema_command_writes_every_schema(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SCHEMAS)


def test_the_formats_are_asserted() -> None:
    """Without a date-time checker (rfc3339-validator) the format tests below could not fail."""
    assert {"date", "date-time"} <= set(jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers)


EXAMPLES = [
    *[("story.schema.json", path) for path in sorted((REPO / "stories").glob("*.md"))],
    *[("award.schema.json", path) for path in sorted((REPO / "awards").glob("*.yml"))],
    ("strategy.schema.json", REPO / "data" / "strategy.yml"),
]


@pytest.mark.parametrize(("schema", "path"), EXAMPLES, ids=lambda v: getattr(v, "name", v))
def test_every_example_file_validates_drafts_included(schema: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = _story_data(text) if path.suffix == ".md" else _yaml_data(text)
    assert _schema_errors(schema, data) == []


def test_the_examples_include_what_the_schema_once_refused() -> None:
    """The draft without a summary, a date-only deadline, `stories: {select: ...}`,
    `tolerance: 0%` and compose as text: the forms an outside tester found marked red."""
    draft = _story_data((REPO / "stories" / "2026-11-20-shared-digital-apprenticeship-academy.md")
                        .read_text(encoding="utf-8"))
    assert draft["status"] == "draft" and "summary" not in draft
    lgc = _yaml_data((REPO / "awards" / "lgc-awards-2027.yml").read_text(encoding="utf-8"))
    assert lgc["tolerance"] == "0%" and lgc["questions"][1]["compose"] == "section: Impact"
    uk = _yaml_data((REPO / "awards" / "uk-it-industry-awards-2027.yml").read_text(encoding="utf-8"))
    assert uk["deadline"] == "2027-05-28" and set(uk["stories"]) == {"select"}


# --- one verdict for one file: a table of forms, each judged by check and by the schema ---

AWARD = {"name": "Test award", "national": "true", "deadline": "2027-05-28",
         "stories": "[a-test-story]"}
QUESTION = {"id": "q1", "prompt": "Why?", "words": "100", "compose": "summary"}


def _merged(base: dict[str, str], fields: dict[str, str | None]) -> dict[str, str]:
    merged: dict[str, str | None] = {**base, **fields}
    return {key: value for key, value in merged.items() if value is not None}


def award(**fields: str | None) -> str:
    """A valid award file's text, with top-level `fields` replacing or adding lines (YAML
    text) or dropped (None); `questions=` replaces its one question."""
    top = _merged(AWARD, fields)
    questions = top.pop("questions", None)
    text = "".join(f"{key}: {value}\n" for key, value in top.items())
    return text + (f"questions: {questions}\n" if questions is not None else _questions({}))


def question(**fields: str | None) -> str:
    """A valid award file's text, with its one question's `fields` replaced, added or dropped."""
    return "".join(f"{key}: {value}\n" for key, value in AWARD.items()) + _questions(fields)


def _questions(fields: dict[str, str | None]) -> str:
    lines = [f"{key}: {value}" for key, value in _merged(QUESTION, fields).items()]
    return "questions:\n  - " + "\n    ".join(lines) + "\n"


METRIC = "\n  - label: Calls\n    value: {value}\n    unit: percent\n    period: {period}"

STORIES_ACCEPTED = {
    "published": story(),
    "service-a-number": story(service="2026"),
    "title-a-number": story(title="2026"),
    "tags-numbers": story(tags="[2026, AI]"),
    "period-a-number": story(metrics=METRIC.format(value="30", period="2026")),
    "value-a-fraction": story(metrics=METRIC.format(value="0.5", period="2025-26")),
    "embargo-with-offset": story(embargo="2026-03-01T09:00:00+00:00"),
    "embargo-utc": story(embargo="2026-03-01T09:00:00Z"),
    "decorative-image": story(image='{src: media/x.png, alt: ""}',
                              body="## Challenge\n\nA challenge.\n"),
    "draft-without-summary": story(status="draft", summary=None),
    "draft-with-only-a-title": story(status="draft", summary=None, date=None, service=None,
                                     outcomes=None),
}
STORIES_REJECTED = {
    "outcome-a-title": story(outcomes="[Technology that earns revenue]"),
    "outcome-a-number": story(outcomes="[2026]"),
    "no-outcomes": story(outcomes="[]"),
    "status-publish": story(status="publish"),
    "unknown-key": story(titel="typo"),
    "review-without-summary": story(status="review", summary=None),
    "published-without-service": story(service=None),
    "date-british": story(date="27/11/2026"),
    "date-impossible": story(date="2026-02-30"),
    "title-too-long": story(title="T" * 121),
    "title-empty": story(title='""'),
    "slug-with-spaces": story(slug="My story"),
    "embargo-without-time": story(embargo="2026-03-01"),
    "embargo-without-offset": story(embargo="2026-03-01T09:00:00"),
    "value-as-text": story(metrics=METRIC.format(value='"30%"', period="2025-26")),
    "value-too-large": story(metrics=METRIC.format(value="10000000000000000", period="2025-26")),
    "consent-as-text": story(quotes='[{text: Good., by: A resident, consent: "true"}]'),
    "unit-unknown": story(metrics="\n  - label: Calls\n    value: 3\n    unit: pounds"),
}
AWARDS_ACCEPTED = {
    "date-only-deadline": award(),
    "deadline-with-offset": award(deadline="2027-01-15T17:00:00+00:00"),
    "tolerance-0%": award(tolerance="0%"),
    "tolerance-10%": award(tolerance="10%"),
    "tolerance-0.5%": award(tolerance='"0.5%"'),
    "tolerance-10": award(tolerance="10"),
    "tolerance-0": award(tolerance="0"),
    "tolerance-100": award(tolerance="100"),
    "tolerance-12.5-text": award(tolerance='"12.5"'),
    "stories-select": award(stories="{select: {outcomes: [earn-revenue]}}"),
    "select": award(stories=None, select="{outcomes: [earn-revenue]}"),
    "stories-and-select": award(select="{tags: [anything]}"),
    "name-a-number": award(name="2027"),
    "edition-a-number": award(edition="2027"),
    "url": award(url="https://example.org/awards"),
    "compose-metrics": question(compose="metrics"),
    "compose-quotes": question(compose="quotes"),
    "compose-section-text": question(compose='"section: Impact"'),
    "compose-section-mapping": question(compose="{section: Impact}"),
    "no-compose": question(compose=None),
    "characters": question(words=None, characters="1500"),
}
AWARDS_REJECTED = {
    "tolerance-0.05": award(tolerance="0.05"),
    "tolerance-0.5-text": award(tolerance='"0.5"'),
    "tolerance-150%": award(tolerance="150%"),
    "tolerance-negative": award(tolerance="-5"),
    "tolerance-words": award(tolerance="ten"),
    "tolerance-true": award(tolerance="true"),
    "deadline-british": award(deadline="15/01/2027"),
    "deadline-impossible": award(deadline="2027-02-30"),
    "deadline-without-offset": award(deadline="2027-01-15T17:00:00"),
    "no-stories-or-select": award(stories=None),
    "stories-null": award(stories="null"),
    "stories-select-and-select": award(stories="{select: {outcomes: [earn-revenue]}}",
                                       select="{tags: [x]}"),
    "story-not-a-slug": award(stories="[A test story]"),
    "url-http": award(url="http://example.org"),
    "no-questions": award(questions="[]"),
    "unknown-key": award(organizer="EMAP"),
    "compose-typo": question(compose="summery"),
    "compose-section-without-heading": question(compose='"section:"'),
    "compose-kind-unknown": question(compose="{kind: story}"),
    "compose-as-the-model-holds-it": question(compose="{kind: section, heading: Impact}"),
    "compose-a-number": question(compose="5"),
    "words-and-characters": question(characters="1500"),
    "no-limit": question(words=None),
    "words-zero": question(words="0"),
    "words-as-text": question(words='"100"'),
    "question-id-not-a-slug": question(id="Question 1"),
}
STRATEGIES_ACCEPTED = {
    "example-like": STRATEGY,
    "enabler-a-number": STRATEGY.replace("enabler: Traded services", "enabler: 5"),
    "title-a-number": STRATEGY.replace("title: Shared services", "title: 2026"),
}
STRATEGIES_REJECTED = {
    "outcome-id-a-title": STRATEGY.replace("id: earn-revenue", "id: Earn revenue"),
    "no-outcomes": "name: S\noutcomes: []\n",
    "series-without-column": STRATEGY.replace("    column: income\n", ""),
    "at-least-without-target": STRATEGY.replace("goal: increase", "goal: at-least"),
    "above-compare-without-compare": STRATEGY.replace("goal: increase", "goal: above-compare"),
    "measure-unknown": STRATEGY.replace("measure: awards", "measure: votes"),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """One project holding every story and award case (each in its own file), checked once."""
    files: dict[str, str | bytes] = {
        "data/strategy.yml": STRATEGY,
        "data/income.csv": "period,income\n2024-25,100000\n2025-26,150000\n",
        "stories/2026-03-14-a-test-story.md": story(),
        "stories/media/x.png": picture(),
        "stories/case-outcome-unknown.md": story(outcomes="[no-such-outcome]"),
        "awards/case-story-unknown.yml": award(stories="[no-such-story]"),
    }
    for name, text in {**STORIES_ACCEPTED, **STORIES_REJECTED}.items():
        files[f"stories/case-{name}.md"] = text
    for name, text in {**AWARDS_ACCEPTED, **AWARDS_REJECTED}.items():
        files[f"awards/case-{_file_name(name)}.yml"] = text
    root = write_files(tmp_path_factory.mktemp("cases"), files)
    return collect(discover(root), now(NOW))


def _file_name(name: str) -> str:
    """A case's name as an award id (lowercase letters, digits, hyphens)."""
    return name.lower().replace(".", "-").replace("%", "pc")


def _check_errors(catalogue: Catalogue, path: str) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in catalogue.errors if p.path == path]


def _verdicts(catalogue: Catalogue, schema: str, path: str, text: str) -> tuple[list[str], list[str]]:
    data = _story_data(text) if path.endswith(".md") else _yaml_data(text)
    return _check_errors(catalogue, path), _schema_errors(schema, data)


@pytest.mark.parametrize("name", STORIES_ACCEPTED)
def test_a_story_check_accepts_is_valid(checked: Catalogue, name: str) -> None:
    by_check, by_schema = _verdicts(checked, "story.schema.json", f"stories/case-{name}.md",
                                    STORIES_ACCEPTED[name])
    assert (by_check, by_schema) == ([], [])


@pytest.mark.parametrize("name", STORIES_REJECTED)
def test_a_story_check_rejects_is_invalid(checked: Catalogue, name: str) -> None:
    by_check, by_schema = _verdicts(checked, "story.schema.json", f"stories/case-{name}.md",
                                    STORIES_REJECTED[name])
    assert by_check, "check accepts it"
    assert by_schema, f"the schema accepts what check rejects: {by_check}"


@pytest.mark.parametrize("name", AWARDS_ACCEPTED)
def test_an_award_file_check_accepts_is_valid(checked: Catalogue, name: str) -> None:
    by_check, by_schema = _verdicts(checked, "award.schema.json",
                                    f"awards/case-{_file_name(name)}.yml", AWARDS_ACCEPTED[name])
    assert (by_check, by_schema) == ([], [])


@pytest.mark.parametrize("name", AWARDS_REJECTED)
def test_an_award_file_check_rejects_is_invalid(checked: Catalogue, name: str) -> None:
    by_check, by_schema = _verdicts(checked, "award.schema.json",
                                    f"awards/case-{_file_name(name)}.yml", AWARDS_REJECTED[name])
    assert by_check, "check accepts it"
    assert by_schema, f"the schema accepts what check rejects: {by_check}"


def _strategy_verdicts(make_project: ProjectFactory, text: str) -> tuple[list[str], list[str]]:
    root = make_project({"data/strategy.yml": text})
    return (_check_errors(collect(discover(root), now(NOW)), "data/strategy.yml"),
            _schema_errors("strategy.schema.json", _yaml_data(text)))


@pytest.mark.parametrize("name", STRATEGIES_ACCEPTED)
def test_a_strategy_check_accepts_is_valid(make_project: ProjectFactory, name: str) -> None:
    assert _strategy_verdicts(make_project, STRATEGIES_ACCEPTED[name]) == ([], [])


@pytest.mark.parametrize("name", STRATEGIES_REJECTED)
def test_a_strategy_check_rejects_is_invalid(make_project: ProjectFactory, name: str) -> None:
    by_check, by_schema = _strategy_verdicts(make_project, STRATEGIES_REJECTED[name])
    assert by_check, "check accepts it"
    assert by_schema, f"the schema accepts what check rejects: {by_check}"


def test_the_schema_names_what_is_wrong() -> None:
    """The messages an editor shows point at the field."""
    assert _schema_errors("story.schema.json", _story_data(
        story(outcomes="[Technology that earns revenue]"))) == [
        "$.outcomes[0]: 'Technology that earns revenue' does not match "
        "'^[a-z0-9]+(?:-[a-z0-9]+)*$'"]
    assert _schema_errors("story.schema.json", _story_data(story(status="review", summary=None))) == [
        "$: 'summary' is a required property"]
    assert _schema_errors("award.schema.json", _yaml_data(award(stories=None))) == [
        "$: {'name': 'Test award', 'national': True, 'deadline': '2027-05-28', 'questions': "
        "[{'id': 'q1', 'prompt': 'Why?', 'words': 100, 'compose': 'summary'}]} is not valid "
        "under any of the given schemas"]


def test_what_only_check_can_judge_is_left_to_check(checked: Catalogue) -> None:
    """Which outcome ids and story slugs exist is the project's, not the schema's: the schema
    gives their form, check their existence."""
    assert _verdicts(checked, "story.schema.json", "stories/case-outcome-unknown.md",
                     story(outcomes="[no-such-outcome]")) == (
        ['7: outcomes[0]: unknown outcome "no-such-outcome"; the outcomes in '
         "data/strategy.yml are earn-revenue, shared-services"], [])
    by_check, by_schema = _verdicts(checked, "award.schema.json", "awards/case-story-unknown.yml",
                                    award(stories="[no-such-story]"))
    assert by_check and by_schema == []


def test_a_draft_may_be_incomplete_but_a_wrong_value_is_still_marked(checked: Catalogue) -> None:
    """check reads a draft's problems as warnings; the schema relaxes only what a draft may
    leave out (every required field but status): a wrong value is marked in an editor at
    once, as check warns about it."""
    text = story(status="draft", outcomes="[Technology that earns revenue]")
    assert _schema_errors("story.schema.json", _story_data(text)) == [
        "$.outcomes[0]: 'Technology that earns revenue' does not match "
        "'^[a-z0-9]+(?:-[a-z0-9]+)*$'"]
    assert _schema_errors("story.schema.json", {"title": "Only a title"}) == [
        "$: 'status' is a required property"]


def test_the_cms_is_still_made_from_the_model_s_required_fields() -> None:
    """The CMS form requires what a story from review on needs; only the shipped file lets
    a draft be incomplete."""
    from generator.model import StoryMeta
    from generator.schemas import schema_for

    assert schema_for(StoryMeta, "Story")["required"] == [
        "title", "summary", "date", "status", "service", "outcomes"]
    shipped = json.loads((REPO / "schemas" / "story.schema.json").read_text(encoding="utf-8"))
    assert shipped["required"] == ["status"]
    assert shipped["if"] == {"properties": {"status": {"const": "draft"}}}
    assert shipped["else"] == {"required": ["title", "summary", "date", "service", "outcomes"]}


def test_fields_are_described_by_their_docstrings_without_pydantic_parsing_sources() -> None:
    """Docstrings under fields become descriptions when a schema is made (inherited ones
    too, under the field's alias; a description given in Field wins), not at import."""
    from pydantic import BaseModel, ConfigDict, Field

    from generator.model.common import ShowcaseModel
    from generator.model.documented import json_schema

    class Base(BaseModel):
        model_config = ConfigDict(populate_by_name=True)
        kept: int
        """Inherited."""

    class Child(Base):
        named: str = Field(alias="shown-name")
        """Under an alias."""
        given: str = Field(description="Given in Field.")
        """Not this one."""
        plain: str

    properties = json_schema(Child, "validation")["properties"]
    assert properties["kept"]["description"] == "Inherited."
    assert properties["shown-name"]["description"] == "Under an alias."
    assert properties["given"]["description"] == "Given in Field."
    assert "description" not in properties["plain"]
    assert not ShowcaseModel.model_config.get("use_attribute_docstrings")


def test_numbers_are_text_only_where_the_model_makes_them_text() -> None:
    """coerce_numbers_to_str: a number may stand for text in validation mode, unless the
    text is strict; never in serialization mode, nor in a model that does not coerce."""
    from typing import Annotated

    from pydantic import BaseModel, ConfigDict, Strict

    from generator.model.documented import json_schema

    class Coerces(BaseModel):
        model_config = ConfigDict(coerce_numbers_to_str=True)
        loose: str
        strict: Annotated[str, Strict()]

    class Plain(BaseModel):
        text: str

    loose = json_schema(Coerces, "validation")["properties"]
    assert (loose["loose"]["type"], loose["strict"]["type"]) == (["string", "number"], "string")
    assert json_schema(Coerces, "serialization")["properties"]["loose"]["type"] == "string"
    assert json_schema(Plain, "validation")["properties"]["text"]["type"] == "string"


def test_award_texts_in_this_module_read_as_written() -> None:
    """The table's builders write what they say (so a case cannot test something else)."""
    assert award(tolerance="0%", stories=None) == textwrap.dedent("""\
        name: Test award
        national: true
        deadline: 2027-05-28
        tolerance: 0%
        questions:
          - id: q1
            prompt: Why?
            words: 100
            compose: summary
        """)
    assert question(words=None, characters="1500").endswith(
        "questions:\n  - id: q1\n    prompt: Why?\n    compose: summary\n    characters: 1500\n")


_MINIMAL_AWARD: dict[str, Any] = {"name": "A", "stories": ["a"], "questions": [{"id": "q", "prompt": "Q?", "words": 1}]}


def _model_accepts(data: dict[str, Any]) -> bool:
    from pydantic import ValidationError

    from generator.model import AwardFile

    try:
        AwardFile.model_validate(data)
    except ValidationError:
        return False
    return True


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789.% ", max_size=8),
                 st.integers(-5, 150), st.floats(-1, 120, allow_nan=False)))
def test_tolerance_pattern_reads_as_the_model_does(value: str | int | float) -> None:
    data = {**_MINIMAL_AWARD, "tolerance": value}
    assert _model_accepts(data) == (not _schema_errors("award.schema.json", data)), repr(value)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.sampled_from(["summary", "metrics", "quotes", "section", "section: Impact",
                                  " quotes : ", "summary: x", "section:  ", "section:x", "Summary"]),
                 st.text(alphabet="summaryqotecin: \n", max_size=14)))
def test_compose_pattern_reads_as_the_model_does(value: str) -> None:
    data = {**_MINIMAL_AWARD, "questions": [{**_MINIMAL_AWARD["questions"][0], "compose": value}]}
    assert _model_accepts(data) == (not _schema_errors("award.schema.json", data)), repr(value)
