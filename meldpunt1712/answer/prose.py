"""Running text: sentences of a paragraph, whose full stops are not all sentence ends."""
from __future__ import annotations

import re

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("o.a.", "bv.", "nr.", "enz.", "d.w.z.", "m.a.w.", "e.a.", "i.p.v.", "t.e.m.")


def sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, offset) of collapsed text; abbreviations and Dutch thousands do not end one."""
    protected = text
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    out, start = [], 0
    for match in re.finditer(r"(?<=[.?!])\s+(?=[A-Z0-9“\"‘(])", protected):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(protected)))
    return [(text[a:b].strip(), a) for a, b in out if text[a:b].strip()]
