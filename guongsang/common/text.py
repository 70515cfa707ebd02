"""Vietnamese text: diacritic folding for search and sort keys for Vietnamese order."""

import re
import unicodedata

_TONE_MARKS = {
    "\u0300": "1",  # huyền
    "\u0309": "2",  # hỏi
    "\u0303": "3",  # ngã
    "\u0301": "4",  # sắc
    "\u0323": "5",  # nặng
}
_SHAPE_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# The Vietnamese alphabet, with f, j, w, z placed where Latin puts them for foreign names.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
# Two-digit codes: 00 separates words, 01-10 are digits, letters start at 11. A key made
# only of digits sorts the same under any database collation (SQLite BINARY, PostgreSQL
# en_US or C), so ORDER BY on the key column gives Vietnamese order everywhere.
_LETTER_CODES = {letter: f"{11 + i:02d}" for i, letter in enumerate(_ALPHABET)}
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, without diacritics, single-spaced: "Khánh Hòa" -> "khanh hoa"."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search query."""
    return [term for term in fold(query).split(" ") if term]


def _letter_and_tone(char: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = "0"
    for mark in marks:
        if mark in _TONE_MARKS:
            tone = _TONE_MARKS[mark]
        elif mark in _SHAPE_MARKS:
            base += mark
    return unicodedata.normalize("NFC", base), tone


def sort_key(text: str | None) -> str:
    """A digits-only key that orders strings as a Vietnamese dictionary does.

    Letters first (a < ă < â < b … d < đ …), then tones as a tie-break
    (ngang < huyền < hỏi < ngã < sắc < nặng).
    """
    primary, tones = [], []
    for char in _SPACES.sub(" ", (text or "").strip().lower()):
        if char.isdigit() and char.isascii():
            primary.append(f"{int(char) + 1:02d}")
            continue
        letter, tone = _letter_and_tone(char)
        code = _LETTER_CODES.get(letter)
        if code is None:
            code = _LETTER_CODES.get(fold(letter)[:1], "00") if letter.strip() else "00"
        primary.append(code)
        tones.append(tone)
    return "".join(primary) + "00" + "".join(tones)


def person_sort_key(full_name: str) -> str:
    """Vietnamese people are sorted by given name (the last word), then the full name."""
    words = (full_name or "").split()
    given = words[-1] if words else ""
    return sort_key(given) + "0" + sort_key(full_name)
