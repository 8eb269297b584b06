"""No award name, category or file name can add a line, property or event to awards.ics."""

from __future__ import annotations

from datetime import datetime

from generator import project
from generator.calendar import awards_ics
from generator.catalogue import collect
from tests.conftest import NOW, ProjectFactory

AWARD = """\
name: "Award\\rEND:VEVENT\\rBEGIN:VEVENT\\rSUMMARY:injected by name"
category: "Cat\\u2028X-INJECTED:category"
deadline: 2027-01-01
stories: []
questions:
  - {id: q, prompt: Tell us., words: 10}
"""
PROPERTIES = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID",
              "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "URL"}


def test_line_breaks_in_names_and_file_names_stay_inside_their_values(
        make_project: ProjectFactory) -> None:
    root = make_project({"awards/plain.yml": AWARD, "awards/odd\nEND:VEVENT\rX-BY-FILE:1.yml": AWARD})
    now = datetime.fromisoformat(NOW)
    catalogue = collect(project.discover(root), now)
    assert len(catalogue.awards) == 2
    text = awards_ics(catalogue, now).decode("utf-8")
    physical = text.split("\r\n")
    assert physical[-1] == ""
    assert not [line for line in physical if "\r" in line or "\n" in line]
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    assert {line.split(":", 1)[0].split(";", 1)[0] for line in lines} <= PROPERTIES
    assert lines.count("BEGIN:VEVENT") == 2 and lines.count("END:VEVENT") == 2
    uids = [line for line in lines if line.startswith("UID:")]
    assert uids == ["UID:odd\\nEND:VEVENT\\nX-BY-FILE:1@test", "UID:plain@test"]  # site_name: Test
    # an award's name and category are each one line: a break (even U+2028) is a space
    assert ("SUMMARY:Deadline: Award END:VEVENT BEGIN:VEVENT SUMMARY:injected by name: "
            "Cat X-INJECTED:category") in lines
