"""The document's own facts: the written question (number, date, who asked, who answered), the questions it
cites, and the headline sentence with the year and its total."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from meldpunt1712.answer.context import AnswerParts
from meldpunt1712.answer.document import Document, Passage, collapse
from meldpunt1712.answer.ledger import Ledger
from meldpunt1712.answer.model import FIGURE, Row
from meldpunt1712.answer.months import DUTCH_MONTHS
from meldpunt1712.answer.numbers import dutch_int
from meldpunt1712.answer.prose import sentences

DOCUMENT_SECTION = "kop van de vraag en van het antwoord"
QUESTION_SECTION = "vraag (inleiding)"
DATE = r"\d{1,2}\s+\w+\s+\d{4}"
HEADLINE_FIGURE = r"(?P<total>\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+) (?:oproepen|contacten)"
HEADLINE = re.compile(rf"(?:1712 (?:ontving|kreeg) in (?:het jaar )?(?P<year>\d{{4}})|In (?P<year_first>\d{{4}}) "
                      rf"(?:ontving|kreeg) 1712)(?: in totaal)? {HEADLINE_FIGURE}", re.IGNORECASE)


# How each of the answer's tables announces itself (to tell an answer on other figures from one on 1712's).
TABLE_HEADINGS = (rf"^\s*({'|'.join(DUTCH_MONTHS)})\b.*\d\s*$", r"^\s*thema\b", r"\bWie belt\s*(/|of)\s*e-?mailt",
                  r"^\s*(vrouwelijk|mannelijk)\b")


@dataclass(frozen=True)
class Headline:
    """'1712 ontving in JJJJ N oproepen': the report year and its total, and the line the total stands on."""

    line_number: int
    report_year: int
    total: int


@dataclass(frozen=True)
class QuestionBlock:
    """The parliament's header of a written question, where printed: 'SCHRIFTELIJKE VRAAG nr. N van NAAM
    datum: D aan MINISTER ROL'. Each field None where the block does not print it."""

    first_line: int
    last_line: int
    number: str | None
    date: dt.date | None
    asked_by: str | None


def read_headline(document: Document, ledger: Ledger, answer_line: int) -> Headline:
    """The headline sentence, possibly wrapped over lines; its total claimed as a figure."""
    for first, last in ledger.paragraphs(answer_line + 1, len(document)):
        passage = Passage.of(document, range(first, last + 1))
        found = HEADLINE.search(passage.text)
        if found:
            line, column = passage.where[found.start("total")]
            ledger.claim(line, column, found.group("total"), FIGURE, "the headline's year total")
            return Headline(line, int(found.group("year") or found.group("year_first")), dutch_int(found.group("total")))
    if not any(document.find(pattern) for pattern in TABLE_HEADINGS):
        raise document.error(None, "no 1712 tables found (no month, theme, age x gender or caller table) and no "
                             "sentence '1712 ontving in JJJJ N oproepen': this is not an answer on the 1712 figures")
    raise document.error(None, "no sentence '1712 ontving in JJJJ N oproepen' in the answer")


def read_date(document: Document, number: int, text: str) -> dt.date:
    """'15 april 2019' printed on a line."""
    day, month, year = text.split()
    if month.lower() not in DUTCH_MONTHS:
        raise document.error(number, f"{month!r} is not a Dutch month name")
    try:
        return dt.date(int(year), DUTCH_MONTHS.index(month.lower()) + 1, int(day))
    except ValueError as error:
        raise document.error(number, str(error)) from None


def read_question_block(document: Document, answer_line: int) -> QuestionBlock | None:
    """The header block above the question, if the document prints one (a PDF does; its text extraction may not)."""
    first = next((n for n in range(1, answer_line) if document[n].strip()), None)
    if first is None or not re.match(r"^\s*SCHRIFTELIJKE VRAAG\b", document[first]):
        return None
    number = asked_by = None
    date = None
    last = first
    for line in range(first, min(first + 8, answer_line)):
        text = document[line]
        if number is None and (found := re.search(r"\bnr\.?\s*(\d+)", text, re.IGNORECASE)):
            number, last = found.group(1), line
        if date is None and (found := re.search(rf"datum\s*:?\s*({DATE})", text, re.IGNORECASE)):
            date, last = read_date(document, line, found.group(1)), line
        if asked_by is None and (found := re.match(r"^\s*van\s+(\S.*)$", text, re.IGNORECASE)):
            asked_by, last = name_case(found.group(1)), line
        if re.match(r"^\s*aan\s+\S", text, re.IGNORECASE):
            break
    return QuestionBlock(first, last, number, date, asked_by)


def read_document(document: Document, parts: AnswerParts, headline: Headline, source_file: str) -> Row:
    """The source_documents row: the question's number and date, who asked and who answered, the subject."""
    answer_line = parts.answer_line
    block = read_question_block(document, answer_line)
    header = document.find(r"^\s*op vraag nr\.\s*\d+\s+van\s+", start=answer_line)
    if header is None and (block is None or not (block.number and block.date and block.asked_by)):
        raise document.error(answer_line, "no line 'op vraag nr. N van D MAAND JJJJ' after ANTWOORD")
    if header is not None:
        match = re.search(rf"nr\.\s*(\d+)\s+van\s+({DATE})", document[header], re.IGNORECASE)
        if match is None:
            raise document.error(header, "cannot read the question's number and date")
        number, question_date = match.group(1), read_date(document, header, match.group(2))
        asked = document.find(r"^\s*van\s+\S", start=header + 1)
        if asked is None:
            raise document.error(header, "no line 'van NAAM' (who asked) after it")
        asked_by = name_case(re.sub(r"^\s*van\s+", "", document[asked], flags=re.IGNORECASE))
        if block is not None:
            for what, printed, answered in (("number", block.number, number), ("date", block.date, question_date),
                                            ("asker", block.asked_by, asked_by)):
                if printed is not None and printed != answered:
                    raise document.error(header, f"the question's {what} is {answered} here but {printed} in the "
                                         f"header of the question ({document.where(block.first_line)})")
    else:
        number, question_date, asked_by = block.number, block.date, block.asked_by
    signature = signature_lines(document, answer_line)
    if len(signature) < 2:
        raise document.error(answer_line, "no minister's name and role above ANTWOORD")
    addressed = document.find(r"^\s*aan\s+\S", stop=answer_line - 1)
    subject_from = addressed + 1 if addressed is not None and block is not None else 2
    subject = next((collapse(document[n]) for n in range(subject_from, answer_line)
                    if document[n].strip() and not document[n].isupper()), "")
    return {
        "document_id": f"sv{number}_{question_date.year}",
        "report_year": str(headline.report_year),
        "document_type": "schriftelijke vraag met antwoord",
        "question_number": number,
        "question_date": question_date.isoformat(),
        "asked_by": asked_by,
        "asked_by_role": "Vlaams volksvertegenwoordiger",
        "answered_by": name_case(document[signature[0]]),
        "answered_by_role": role_case(" ".join(document[n] for n in signature[1:])),
        "subject_nl": subject,
        "source_file": source_file,
        "source_section": DOCUMENT_SECTION,
        "source_page": str(document.line(header if header is not None else block.first_line).page or ""),
    }


def signature_lines(document: Document, answer_line: int) -> list[int]:
    """The lines of the minister's name and role above ANTWOORD: the name, then the role, which a narrow page
    wraps over more lines. The block of capitals that ends right above ANTWOORD, or its last two lines."""
    filled = [n for n in range(1, answer_line) if document[n].strip()]
    block: list[int] = []
    for n in reversed(filled):
        if block and (n != block[0] - 1 or not document[n].isupper()) or len(block) == 4:
            break
        block.insert(0, n)
    return block if len(block) > 2 and all(document[n].isupper() for n in block) else filled[-2:]


def read_cited_questions(document: Document, ledger: Ledger, answer_line: int, document_id: str) -> list[Row]:
    """The earlier written questions the question cites ('vraag nr. N van D MAAND JJJJ'), with their sentence."""
    rows = []
    for first, last in ledger.paragraphs(1, answer_line - 1):
        passage = Passage.of(document, range(first, last + 1))
        for sentence, _ in sentences(passage.text):
            for match in re.finditer(rf"vraag nr\.\s*(\d+)\s+van\s+({DATE})", sentence):
                number = document.find(rf"nr\.\s*{re.escape(match.group(1))}\b", start=first, stop=last) or first
                page = document.line(number).page
                rows.append({"document_id": document_id, "cited_question_number": match.group(1),
                             "cited_question_date": read_date(document, number, match.group(2)).isoformat(),
                             "source_quote": sentence, "source_section": QUESTION_SECTION,
                             "source_page": str(page) if page else ""})
    return rows


def name_case(text: str) -> str:
    """'KATRIEN SCHRYVERS' -> 'Katrien Schryvers'."""
    return " ".join(part.capitalize() for part in collapse(text).split())


def role_case(text: str) -> str:
    """'VLAAMS MINISTER VAN WELZIJN, ...' -> 'Vlaams minister van Welzijn, ...'."""
    small = {"van", "en", "de", "het", "der", "voor", "minister", "viceminister-president"}
    words = collapse(text).split()
    return " ".join(w.lower() if i and w.lower().strip(",") in small else w.capitalize() for i, w in enumerate(words))
