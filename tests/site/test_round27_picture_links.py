"""A body link to a picture beside the story that its page publishes (round 26, F2): the
lead image, or a picture the body shows. The link was shown as its words only, and check
warned that the site does not publish the file, though it does."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOW, REPO, ProjectFactory, run_cli, story
from tests.site.conftest import built_fine, site_project

BODY = """\
## Challenge

See [the photo](media/lead.png), [it again](./media/lead.png#top), [the chart](media/chart.png)
and [a file](media/notes.png).

![Calls by month](media/chart.png)
"""


def test_a_link_to_a_picture_the_page_publishes_leads_to_it(make_project: ProjectFactory,
                                                            tmp_path: Path) -> None:
    png = (REPO / "docs/pack-page-1.png").read_bytes()
    root = make_project({**site_project(), "stories/media/lead.png": png,
                         "stories/media/chart.png": png, "stories/media/notes.png": png,
                         "stories/2026-03-14-library-app.md": story(
                             body=BODY, image="{src: media/lead.png, alt: The new app}")})
    checked = run_cli("check", "-p", str(root), "--now", NOW)
    warned = [line for line in checked.output.splitlines() if "body: link" in line]
    assert warned == [  # the one picture the page does not publish
        'stories/2026-03-14-library-app.md:13: warning: body: link "media/notes.png" leads to a '
        "file in the project, which the site does not publish, so the site shows the link's "
        "words only: make it public evidence of the story, or link to a full https:// address"]
    page = (built_fine(root).site / "stories/library-app/index.html").read_text()
    assert '<a href="lead.png" rel="noopener noreferrer">the photo</a>' in page
    assert '<a href="lead.png#top" rel="noopener noreferrer">it again</a>' in page
    assert '<a href="images/media/chart.png" rel="noopener noreferrer">the chart</a>' in page
    assert "and a file." in " ".join(page.split())
