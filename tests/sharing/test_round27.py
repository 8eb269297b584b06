"""Round 27: the open data writes a negative zero as 0 (hostile27 H2), and its metrics.csv
opens with a byte-order mark, as the pack's, so Excel keeps £, accents and Welsh letters
(resident27 F2); the example's traded income counts each pound once (resident27 F1)."""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
from pathlib import Path

from generator import clock, project, spreadsheet
from generator.catalogue import collect
from generator.pack.metrics_csv import metrics_csv as pack_metrics_csv
from generator.sharing import site_outputs
from generator.sharing.records import OpenMetric
from generator.site import totals as totals_module
from generator.site.totals import Totals, totals
from tests.conftest import (
    INCOME,
    NOW,
    REPO,
    STRATEGY,
    ProjectFactory,
    run_cli,
    story,
    write_files,
)

LABEL = "Café visits – residents’ calls, £ and ŵ"
PROJECT: dict[str, str | bytes] = {
    "mkdocs.yml": "site_name: Testshire\nplugins:\n  - showcase\n",
    "stories/2026-03-14-zero.md": story(
        title="Zero", metrics=(f"[{{id: calls, label: \"{LABEL}\", value: -0.0, unit: count, "
                               "baseline: -0.0, target: -0.0}, {id: plain, label: Plain, "
                               "value: 0, unit: count, baseline: 2.5}]")),
}
HEADER = "story,metric,label,value,unit,baseline,target,period,direction,source,verified"


def _export(make_project: ProjectFactory, tmp_path: Path) -> Path:
    root = make_project(PROJECT)
    out = tmp_path / "open-data"
    result = run_cli("export", "-p", str(root), "--now", NOW, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_the_open_data_writes_a_negative_zero_as_0_and_its_csv_has_a_bom(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    out = _export(make_project, tmp_path)
    raw = (out / "metrics.csv").read_bytes()
    assert raw == (b"\xef\xbb\xbf" + (
        f"{HEADER}\r\n"
        f"zero,calls,\"{LABEL}\",0,count,0,0,,up,,false\r\n"
        "zero,plain,Plain,0,count,2.5,,,up,,false\r\n").encode())
    assert b"-0" not in raw
    # read back as Python and Excel read it: the BOM is not part of the first column's name
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == HEADER.split(",")
    assert [(r["label"], r["value"], r["baseline"], r["target"]) for r in rows] == [
        (LABEL, "0", "0", "0"), ("Plain", "0", "2.5", "")]
    text = (out / "stories.json").read_text(encoding="utf-8")
    assert ": -0" not in text
    data = json.loads(text)
    assert [(m["value"], m["baseline"], m["target"]) for m in data["stories"][0]["metrics"]] == [
        (0, 0, 0), (0, 2.5, None)]
    assert '"value": 0,' in text and '"baseline": 0,' in text and '"target": 0,' in text


def test_a_negative_zero_is_0_in_the_record_itself() -> None:
    metric = OpenMetric.model_validate({"id": "m", "label": "M", "value": -0.0, "unit": "count",
                                        "baseline": -0.0, "target": 0.0})
    assert (repr(metric.value), repr(metric.baseline), repr(metric.target)) == ("0", "0", "0.0")
    assert OpenMetric.model_validate({"id": "m", "label": "M", "value": -1.5,
                                      "unit": "count"}).value == -1.5


def test_import_reads_the_export_back_and_check_passes(
        make_project: ProjectFactory, tmp_path: Path) -> None:
    out = _export(make_project, tmp_path)
    partner = write_files(tmp_path / "partner", {
        "mkdocs.yml": "site_name: Partner\nplugins:\n  - showcase\n",
        "data/strategy.yml": STRATEGY, "data/income.csv": INCOME})
    imported = run_cli("import", str(out / "stories.json"), "-p", str(partner), "--now", NOW)
    assert imported.exit_code == 0, imported.output
    text = (partner / "stories/2026-03-14-zero.md").read_text(encoding="utf-8")
    assert f"label: {LABEL}\n  value: 0\n  unit: count\n  baseline: 0\n" in text
    assert ": -0" not in text
    checked = run_cli("check", "-p", str(partner), "--now", NOW)
    assert " 0 errors, " in checked.output, checked.output


def test_the_site_and_the_pack_write_their_csv_alike() -> None:
    """One helper: the mark, then RFC 4180 with CRLF; a field with a comma or quote quoted."""
    assert spreadsheet.csv_bytes([["a", "b,c"], ["\"q\"", "ŵ"]]) == (
        b'\xef\xbb\xbfa,"b,c"\r\n"""q""",\xc5\xb5\r\n')
    assert pack_metrics_csv([]) == b"\xef\xbb\xbf" + (
        b"story,metric id,label,value,unit,baseline,target,period,direction,source,verified,"
        b"source file\r\n")


# --- resident27 F1: the example's traded income is not counted twice -------------------


def test_the_example_s_traded_income_counts_each_pound_once() -> None:
    """£851k was the programme's £610,000 plus two of its parts; now the home page adds
    £96,000 + £145,000 and the whole programme's figure is the dashboard's, £610,000."""
    now = clock.now(NOW)
    catalogue = collect(project.discover(REPO), now)
    public = catalogue.public_stories(now)
    assert totals(public) == Totals(stories=10, savings=725_000.0, traded_income=241_000.0,
                                    awards_won=1)
    # read back from the site's open data, with the rule docs/writing-a-story.md gives
    outputs = site_outputs(catalogue, now, "https://example.gov.uk/")
    rows = list(csv.DictReader(io.StringIO(outputs["data/metrics.csv"].decode("utf-8-sig"),
                                           newline="")))
    outcomes = {s["id"]: s["outcomes"] for s in json.loads(outputs["data/stories.json"])["stories"]}
    income = [(r["story"], r["value"]) for r in rows if r["unit"] == "GBP"
              and "saving" not in r["label"].casefold()
              and "shared-services" not in outcomes[r["story"]]
              and "earn-revenue" in outcomes[r["story"]]]
    assert income == [("digital-consultancy-for-nhs-trust", "145000"),
                      ("managed-service-desk-for-town-councils", "96000")]
    whole = [(r["story"], r["label"], r["value"]) for r in rows if r["value"] == "610000"]
    assert whole == [("mj-awards-2026-digital-transformation-win",
                      "Traded services contribution to the general fund, whole programme "
                      "(12 customers)", "610000")]
    assert outcomes["mj-awards-2026-digital-transformation-win"] == ["national-recognition"]
    # the dashboard's current value: the last row of the series, £610,000, the whole
    with (REPO / "data/traded-income.csv").open(encoding="utf-8", newline="") as series:
        assert list(csv.DictReader(series))[-1]["contribution_gbp"] == "610000"


def test_the_summing_rule_is_in_the_docs_totals_py_points_at() -> None:
    doc = inspect.getdoc(totals_module) or ""
    pointed = re.search(r"documented for the comms team in (docs/[\w.-]+\.md)", doc)
    assert pointed is not None and pointed.group(1) == "docs/writing-a-story.md"
    text = (REPO / pointed.group(1)).read_text(encoding="utf-8")
    assert "\n### How £ figures add up on the home page\n" in text
    assert "So a total next to its parts counts twice." in text
    assert "the home page shows £851k, more than the whole." in text
