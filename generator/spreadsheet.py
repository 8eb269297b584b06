"""CSV files written for people to open in a spreadsheet: the pack's metrics.csv and the
site's open-data metrics.csv alike."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
"""The byte-order mark each CSV opens with (EF BB BF in UTF-8)."""


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """`rows` as RFC 4180 CSV (comma separated, quoted when needed, CRLF line ends) in UTF-8
    with a byte-order mark: Excel on Windows reads a CSV without one in the local code page
    and garbles £, é, ŵ and curly quotes; Python (`utf-8-sig`), LibreOffice, Numbers and
    Google Sheets take either."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")
