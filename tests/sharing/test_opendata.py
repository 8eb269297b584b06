"""Open data: stories.json against its schema, metrics.csv against its table schema."""

from __future__ import annotations

import csv
import io
import json

import jsonschema

from tests.sharing.conftest import (
    PRIVATE_MARKERS,
    PRIVATE_SLUGS,
    SITE_URL,
    Shared,
)


def _json(shared: Shared, path: str) -> dict[str, object]:
    found = json.loads(shared.outputs[path])
    assert isinstance(found, dict)
    return found


def test_stories_json_validates_against_its_schema_and_holds_exactly_the_public_stories(
        shared: Shared) -> None:
    schema = _json(shared, "data/stories.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    data = _json(shared, "data/stories.json")
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [s["id"] for s in data["stories"]] == ["beta", "alpha"]  # type: ignore[index]
    assert data["publisher"] == "Testshire stories"
    assert data["generated"] == "2026-09-21T14:13:20Z"


def test_the_stories_schema_refuses_what_is_not_open_data(shared: Shared) -> None:
    schema = _json(shared, "data/stories.schema.json")
    data = _json(shared, "data/stories.json")
    story = dict(data["stories"][1])  # type: ignore[index]
    for extra in ({"contact": "x@example.gov.uk"}, {"status": "draft"}):
        bad = {**data, "stories": [{**story, **extra}]}
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
        assert [e.message for e in errors] == [
            f"Additional properties are not allowed ('{next(iter(extra))}' was unexpected)"]


def test_a_story_record_has_only_its_public_parts(shared: Shared) -> None:
    alpha = _json(shared, "data/stories.json")["stories"][1]  # type: ignore[index]
    assert alpha["url"] == f"{SITE_URL}stories/alpha/"
    assert alpha["date"] == "2026-03-14"
    assert alpha["published"] == "2026-03-14T00:00:00Z"
    assert alpha["image"] == {"url": f"{SITE_URL}stories/alpha/alpha.png", "alt": "A chart"}
    assert alpha["quotes"] == [{"text": "Public words", "by": "Ann", "role": "Chief"}]
    assert alpha["evidence"] == [{"id": "pub", "title": "Call volumes",
                                  "url": f"{SITE_URL}stories/alpha/evidence/pub.csv"}]
    assert [(m["id"], m["source"]) for m in alpha["metrics"]] == [
        ("formula", "pub"), ("saving", None), ("web", "https://example.org/visits")]
    assert alpha["partners"] == ["Riverside District Council", "Testshire Fire"]
    assert "<script" not in alpha["content_html"]
    beta = _json(shared, "data/stories.json")["stories"][0]  # type: ignore[index]
    assert beta["published"] == "2026-05-01T10:00:00+01:00"
    assert beta["awards"] == [{"award": "LGC Awards", "result": "won", "national": None,
                               "year": None}]


def test_metrics_csv_is_rfc_4180_with_formulas_neutralised_and_numbers_kept(
        shared: Shared) -> None:
    raw = shared.outputs["data/metrics.csv"]
    assert raw.count(b"\r\n") == 4 and b"\n" not in raw.replace(b"\r\n", b"")
    assert raw.startswith(b"\xef\xbb\xbfstory,")  # a byte-order mark, as the pack's
    assert raw.decode("utf-8-sig").split("\r\n") == [
        "story,metric,label,value,unit,baseline,target,period,direction,source,verified",
        "alpha,formula,\"'=HYPERLINK(\"\"http://x\"\")\",-5,count,,,,up,pub,false",
        "alpha,saving,Money saved,1250.5,GBP,0,1000,2025-26,up,,true",
        "alpha,web,'@web visits,7,count,,,,up,https://example.org/visits,false",
        "",
    ]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0]["label"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["value"] == "-5"


def test_the_table_schema_describes_every_column(shared: Shared) -> None:
    schema = _json(shared, "data/metrics.schema.json")
    header = shared.outputs["data/metrics.csv"].decode("utf-8-sig").split("\r\n")[0].split(",")
    fields = schema["fields"]
    assert [f["name"] for f in fields] == header  # type: ignore[union-attr,index]
    assert {f["name"]: f["type"] for f in fields} == {  # type: ignore[union-attr,index]
        "story": "string", "metric": "string", "label": "string", "value": "number",
        "unit": "string", "baseline": "number", "target": "number", "period": "string",
        "direction": "string", "source": "string", "verified": "boolean"}
    assert schema["primaryKey"] == ["story", "metric"]


def test_no_private_marker_reaches_any_published_file(shared: Shared) -> None:
    assert sorted(shared.outputs) == sorted([
        "awards.ics", "data/metrics.csv", "data/metrics.schema.json", "data/stories.json",
        "data/stories.schema.json",
        *(f"feeds/{folder}{name}" for folder in ("", "outcomes/earn-revenue/",
                                                  "outcomes/shared-services/")
          for name in ("rss.xml", "atom.xml", "feed.json"))])
    for path, content in shared.outputs.items():
        text = content.decode("utf-8")
        for marker in (*PRIVATE_MARKERS, *PRIVATE_SLUGS, "private-file", "priv\""):
            assert marker not in text, f"{marker} in {path}"
    assert b"Public words" in shared.outputs["feeds/atom.xml"]
    assert b"Public words" in shared.outputs["data/stories.json"]
