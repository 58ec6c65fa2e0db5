"""The reference seeds' labels, which the answer prints, with their aliases and their optional parts.

Dutch writes a label with an optional part in parentheses: `Ouderenmis(be)handeling`
stands for both `Ouderenmishandeling` and `Ouderenmisbehandeling`. A printed label
matches a known label when the two share a spelling: exactly (case aside), or one
of the spellings their optional parts give. Nothing else matches, and a refusal
never names a different label as "the closest": a user who followed such a hint
with `--alias` would merge two series. It names a label only when it is the same
label written otherwise (accents, hyphens, spacing, punctuation).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable

from meldpunt1712.answer.model import AnswerError, Row

# Reference seeds: the label column, the code column, and whether rows carry a sort order.
REFERENCE_SEEDS = {
    "themes": ("theme_label_nl", "theme_code", False),
    "genders": ("gender_label_nl", "gender_code", True),
    "age_groups": ("age_group_label_nl", "age_group_code", True),
    "caller_types": ("caller_type_label_nl", "caller_type_code", True),
    "caller_groups": ("caller_group_label_nl", "caller_group_code", True),
}
REFERENCE_WHAT = {"themes": "theme", "genders": "gender", "age_groups": "age group",
                  "caller_types": "caller type", "caller_groups": "caller group heading"}
# An optional part: letters in parentheses inside a word, `mis(be)handeling`, `ouder(s)`.
# A refusal lists the known labels when there are at most this many (themes, genders, age groups).
LISTED_LABELS = 20
OPTIONAL_PART = re.compile(r"(?<=[^\W\d_])\(([^\W\d_]+)\)|\(([^\W\d_]+)\)(?=[^\W\d_])")


def slug(word: str) -> str:
    """A code from a label: lower case, runs of other characters as one underscore."""
    return re.sub(r"[^a-z0-9]+", "_", word.lower()).strip("_")


def spellings(label: str) -> set[str]:
    """Every spelling of a label (lower case, blanks collapsed): with and without each optional part."""
    parts = OPTIONAL_PART.split(label)
    # split() gives text, group 1, group 2, text, ...: a match fills one of its two groups
    texts, options = parts[0::3], [a or b for a, b in zip(parts[1::3], parts[2::3])]
    out = set()
    for chosen in itertools.product(*[("", option) for option in options]):
        spelled = texts[0] + "".join(c + t for c, t in zip(chosen, texts[1:]))
        out.add(" ".join(spelled.lower().split()))
    return out


def loose(label: str) -> str:
    """A label with accents, case, hyphens, punctuation and spacing ignored: the same label written otherwise."""
    decomposed = unicodedata.normalize("NFKD", label)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)).lower())


@dataclass
class Reference:
    """The reference seeds' labels, which the answer prints, with their aliases.

    With `new_labels`, a label no seed knows becomes a new reference row
    (`added`) instead of a refusal: a code derived from the Dutch label, the
    order as printed, no English label yet.
    """

    rows: dict[str, list[Row]]
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)   # seed -> label (lower) -> code
    new_labels: bool = False
    added: dict[str, list[tuple[Row, str | None]]] = field(default_factory=dict)   # seed -> (row, after code)

    @classmethod
    def from_seeds(cls, rows: Callable[[str], list[Row]], new_labels: bool = False,
                   extra_aliases: Iterable[Row] = ()) -> "Reference":
        """From the reference seeds and label_aliases; `rows(name)` gives a seed's rows as text."""
        reference = cls({seed: [dict(r) for r in rows(seed)] for seed in REFERENCE_SEEDS}, new_labels=new_labels)
        for alias in [*rows("label_aliases"), *extra_aliases]:
            reference.aliases.setdefault(alias["reference_seed"], {})[alias["label_nl"].lower()] = alias["code"]
        return reference

    def own_rows(self, seed: str) -> list[Row]:
        """The seed's rows and the rows added for it (--new-labels)."""
        return self.rows[seed] + [r for r, _ in self.added.get(seed, [])]

    def codes(self, seed: str) -> dict[str, str]:
        """label -> code of a reference seed, its own labels (every spelling) and its aliases, lower-cased."""
        label, code, _ = REFERENCE_SEEDS[seed]
        known = {spelling: r[code] for r in self.own_rows(seed) for spelling in spellings(r[label])}
        known.update({r[label].lower(): r[code] for r in self.own_rows(seed)})
        known.update(self.aliases.get(seed, {}))
        return known

    def code_of(self, seed: str, printed: str) -> str | None:
        """The code a printed label stands for: its own label, a spelling of one, or an alias; else None."""
        known = self.codes(seed)
        found = known.get(printed.lower())
        if found is not None:
            return found
        return next((known[s] for s in sorted(spellings(printed)) if s in known), None)

    def code_of_unspaced(self, seed: str, printed: str) -> str | None:
        """The code of a label printed with its white space lost or added (a word broken over lines of a table
        cell: 'Kindermishandel ing'): the one known label that is the same with all white space removed."""
        target = {"".join(s.split()) for s in spellings("".join(printed.split()))} | {"".join(s.split())
                                                                                     for s in spellings(printed)}
        found = {code for label, code in self.codes(seed).items() if "".join(label.split()) in target}
        return found.pop() if len(found) == 1 else None

    def label_of(self, seed: str, code: str) -> str | None:
        """The reference label of a code."""
        label, code_column, _ = REFERENCE_SEEDS[seed]
        return next((r[label] for r in self.own_rows(seed) if r[code_column] == code), None)

    def labels(self, seed: str) -> list[str]:
        """Every label a seed knows: its own, added ones and aliases."""
        label = REFERENCE_SEEDS[seed][0]
        return [r[label] for r in self.own_rows(seed)] + list(self.aliases.get(seed, {}))

    def spelled(self, seed: str, printed: str) -> str:
        """The label as the reference seed spells it when the printed one differs in case or an optional part only.

        Else the label as printed (an alias): the rows keep the label the models resolve to a code.
        """
        label = REFERENCE_SEEDS[seed][0]
        for row in self.own_rows(seed):
            if row[label].lower() == printed.lower():
                return row[label]
        for row in self.own_rows(seed):
            if spellings(row[label]) & spellings(printed) and printed.lower() not in self.aliases.get(seed, {}):
                return row[label]
        return printed

    def same_label_written_otherwise(self, seed: str, printed: str) -> str | None:
        """A known label that is the printed one with other accents, hyphens, spacing or punctuation."""
        target = {loose(s) for s in spellings(printed)}
        return next((known for known in self.labels(seed) if {loose(s) for s in spellings(known)} & target), None)

    def resolve(self, seed: str, printed: str, line_number: int, line: str, *, after: str | None = None,
                code: str | None = None, extra: Row | None = None, where: str | None = None) -> str:
        """The code of a printed label; a new reference row with --new-labels; else AnswerError."""
        found = self.code_of(seed, printed)
        if found is not None:
            return found
        what = REFERENCE_WHAT[seed]
        if not self.new_labels:
            same = self.same_label_written_otherwise(seed, printed)
            known = self.labels(seed)
            hint = (f"; it is {same!r} written otherwise" if same else
                    f"; the known {what} labels are in {seed}.csv" if len(known) > LISTED_LABELS else
                    f"; the known {what} labels are: " + ", ".join(repr(label) for label in known))
            raise AnswerError(line_number, line, f"unknown {what} {printed!r} (not in {seed}.csv){hint}. Add it with "
                              "`--new-labels`, or map it onto a known code with `--alias \"LABEL=CODE\"`", where=where)
        label_column, code_column, _ = REFERENCE_SEEDS[seed]
        taken = {r[code_column] for r in self.own_rows(seed)}
        new_code = code or slug(printed)
        if new_code in taken or not new_code:
            raise AnswerError(line_number, line, f"new {what} {printed!r}: its code {new_code!r} is taken; "
                              "map the label onto a code with `--alias \"LABEL=CODE\"`", where=where)
        row = {label_column: printed, code_column: new_code, **(extra or {})}
        self.added.setdefault(seed, []).append((row, after))
        return new_code
