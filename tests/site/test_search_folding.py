"""Search entries carry their words without accents (welsh28 #5), for Material's search to
index beside the words as written: Llyn finds Llŷn (the browser test types it), and a story
past the full-text limit, added to the index after Material writes it, is folded too."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from generator.mkdocs.incremental import FOLDED, append_brief_entries, fold_search_entries
from generator.ordering import without_accents
from generator.site import BriefEntry


def test_accents_are_dropped_and_letters_of_their_own_kept() -> None:
    assert without_accents("Llŷn, ffôn, Żółkiewska, café") == "Llyn, ffon, Zolkiewska, cafe"
    # letters Unicode keeps whole: as a keyboard without them types them (retest29 N3)
    assert without_accents("społeczność, Ørsted, Straße") == "spolecznosc, Orsted, Strasse"
    assert without_accents("plain words") == "plain words"


def test_each_entry_with_accents_gets_its_words_without_them() -> None:
    entries = [{"location": "a/", "title": "Bws Llŷn", "text": "<p>Ar y ffôn</p>"},
               {"location": "b/", "title": "Plain", "text": "<p>English only</p>"}]
    search = SimpleNamespace(search_index=SimpleNamespace(entries=entries),
                             config=SimpleNamespace(fields={"title": {"boost": 1e3}}))
    fold_search_entries(search)
    assert search.config.fields[FOLDED] == {"boost": 1.0}
    assert entries[0][FOLDED] == "Bws Llyn <p>Ar y ffon</p>"
    assert FOLDED not in entries[1]  # nothing to fold: the index grows by nothing


def test_a_story_past_the_full_text_limit_is_folded_too(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {"fields": {FOLDED: {"boost": 1.0}}}, "docs": []}))
    append_brief_entries(tmp_path, {"stories/llyn/": BriefEntry("Bws Llŷn", "Ar y ffôn")})
    assert json.loads(index.read_text())["docs"] == [
        {"location": "stories/llyn/", "title": "Bws Llŷn", "text": "Ar y ffôn",
         FOLDED: "Bws Llyn Ar y ffon"}]
