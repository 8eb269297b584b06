"""Files a browser would run are never published from a story, even if `check` is skipped."""

from __future__ import annotations

from datetime import datetime

from generator import project
from generator.catalogue import collect
from generator.site.builder import SiteOptions, build_site
from tests.conftest import NOW, ProjectFactory, story

EVIDENCE = ("\n  - {id: page, path: page.HTML, title: A page, public: true}"
            "\n  - {id: sheet, path: sheet.csv, title: A sheet, public: true}\n")


def test_public_web_page_evidence_is_not_copied_to_the_site(make_project: ProjectFactory) -> None:
    root = make_project({
        "evidence/page.HTML": "<script>alert(document.cookie)</script>\n",
        "evidence/sheet.csv": "a,b\n1,2\n",
        "stories/one.md": story(slug="one", evidence=EVIDENCE),
    })
    catalogue = collect(project.discover(root), datetime.fromisoformat(NOW))
    assert [p.message.split(",")[0] for p in catalogue.errors] == ['"page.HTML" is a .html file']
    site = build_site(catalogue, datetime.fromisoformat(NOW), SiteOptions())
    assert sorted(site.copies) == ["stories/one/evidence/sheet.csv"]
