"""Vietnamese text typed in the legacy 8-bit encodings, TCVN3 (ABC) and VNI, to Unicode.

Until the mid-2000s offices typed Vietnamese in fonts that drew letters over the bytes of
Windows-1252: .VnTime/.VnArial (TCVN3, also called ABC: TCVN 5712:1993, table VN3) and
VNI-Times (VNI for Windows). A program that does not use those fonts shows the bytes as
the Windows-1252 characters they stand for: "NguyÔn V¨n Hïng" (TCVN3), "Nguyeãn Vaên
Huøng" (VNI). No maintained Python package converts them (PyPI has none; the tables live
in converters such as x-unikey's vnconv and the vietunicode project's charset pages,
https://vietunicode.sourceforge.net/charset/), so the tables are written here as data:

- TCVN3 gives one byte to each lower-case letter with its tone, and to the seven upper-case
  letters Ă Â Đ Ê Ô Ơ Ư without a tone; an upper-case letter with a tone was typed in the
  capitals font (.VnTimeH), which draws the lower-case byte as a capital, so the byte
  alone cannot tell the case: a word whose other letters are all capitals is taken as
  written in capitals.
- VNI writes the base letter followed by one character for its mark (circumflex, breve,
  tone, or circumflex/breve and tone together), with single characters for ơ ư đ and for
  i and ỵ with their tones.

Both tables are checked by tests that encode every letter with every tone and decode it
back. Pure Python: imports nothing of the project.
"""

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"
FONTS = {TCVN3: ".VnTime, .VnArial", VNI: "VNI-Times"}

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)  # huyền, hỏi, ngã, sắc, nặng
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# TCVN3: each letter with no tone, then huyền, hỏi, ngã, sắc, nặng (its five tones).
_TCVN3_LETTERS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\xadõö÷øù",
    "y": "yúûüýþ",
}
_TCVN3_SINGLE = {"đ": "®", "Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}

# VNI: the character after a vowel for each mark (lower case; the capital is the same
# character in upper case), and the single characters for ơ ư đ, i with a tone and ỵ.
_VNI_MARKS = {
    "ù": _ACUTE,
    "ø": _GRAVE,
    "û": _HOOK,
    "õ": _TILDE,
    "ï": _DOT,
    "â": _CIRCUMFLEX,
    "á": _CIRCUMFLEX + _ACUTE,
    "à": _CIRCUMFLEX + _GRAVE,
    "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE,
    "ä": _CIRCUMFLEX + _DOT,
    "ê": _BREVE,
    "é": _BREVE + _ACUTE,
    "è": _BREVE + _GRAVE,
    "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}
_VOWELS = frozenset("aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ")


def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str]]:
    decode, encode = {}, {}
    for letter, row in _TCVN3_LETTERS.items():
        for tone, char in zip(("", *TONES), row, strict=True):
            unicode = unicodedata.normalize("NFC", letter + tone)
            encode[unicode] = char
            if tone:  # a capital with a tone: the same byte, in the capitals font
                encode[unicode.upper()] = char
            if char != unicode:
                decode[char] = unicode
    for unicode, char in _TCVN3_SINGLE.items():
        decode[char] = unicode
        encode[unicode] = char
    return decode, encode


_TCVN3_DECODE, _TCVN3_ENCODE = _tcvn3_tables()
_TCVN3_TRANSLATION = str.maketrans(_TCVN3_DECODE)


def _vni_marks() -> dict[str, str]:
    marks = {}
    for char, combining in _VNI_MARKS.items():
        marks[char] = marks[char.upper()] = combining
    return marks


_VNI_MARK = _vni_marks()
_VNI_LETTER = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}


def decode(text: str, encoding: str) -> str:
    """Return the text typed in the legacy encoding as Unicode, in NFC."""
    if encoding == TCVN3:
        return _capitals(text.translate(_TCVN3_TRANSLATION))
    return _decode_vni(text)


def _decode_vni(text: str) -> str:
    out: list[str] = []
    for char in text:
        mark = _VNI_MARK.get(char)
        if mark and out and out[-1] in _VOWELS:
            composed = unicodedata.normalize("NFC", out[-1] + mark)
            if len(composed) == 1 and _fits(out[-1], mark):
                out[-1] = composed
                continue
        out.append(_VNI_LETTER.get(char, char))
    return unicodedata.normalize("NFC", "".join(out))


def _fits(base: str, mark: str) -> bool:
    """A circumflex on a, e, o; a breve on a; a tone on a vowel that has none yet."""
    base = base.lower()
    if mark[0] == _CIRCUMFLEX:
        return base in "aeo"
    if mark[0] == _BREVE:
        return base == "a"
    return base in "aeiouyăâêôơư"


_WORD = re.compile(r"[^\s\d,.;:()/\\\"“”\-]+")


def _capitals(text: str) -> str:
    """A word written in the capitals font: its toned letters are capitals too."""
    return _WORD.sub(_capital_word, text)


def _capital_word(match: re.Match) -> str:
    word = match[0]
    cased = [c for c in word if c.isalpha() and c.isascii()]
    if len(cased) >= 2 and all(c.isupper() for c in cased) and not word.isupper():
        return word.upper()
    return word


def encode(text: str, encoding: str) -> str:
    """Return Unicode text as the legacy encoding writes it (for tests and examples)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        return "".join(_TCVN3_ENCODE.get(c, c) for c in text)
    return "".join(_encode_vni(c) for c in text)


_VNI_SINGLES = {v: k for k, v in _VNI_LETTER.items()}


def _encode_vni(char: str) -> str:
    singles = _VNI_SINGLES
    if char in singles:
        return singles[char]
    parts = unicodedata.normalize("NFD", char)
    if len(parts) == 1:
        return char
    base, marks = parts[0], parts[1:]
    upper = base.isupper()
    if _HORN in marks:  # ơ, ư: their own character, then the tone
        base = singles[unicodedata.normalize("NFC", base + _HORN)]
        marks = marks.replace(_HORN, "")
    if not marks:
        return base
    # NFD puts the dot below before the circumflex; VNI writes the circumflex's mark first.
    marks = "".join(sorted(marks, key=lambda m: m not in (_CIRCUMFLEX, _BREVE)))
    for vni, combining in _VNI_MARKS.items():
        if combining == marks:
            return base + (vni.upper() if upper else vni)
    return char


# How Vietnamese looks: syllables of an onset and a rhyme, with at most one tone.
_ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
_OPEN_RHYMES = [
    "a",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "e",
    "eo",
    "ê",
    "êu",
    "i",
    "ia",
    "iu",
    "iêu",
    "o",
    "oa",
    "oai",
    "oao",
    "oay",
    "oe",
    "oeo",
    "oi",
    "ô",
    "ôi",
    "ơ",
    "ơi",
    "u",
    "ua",
    "uê",
    "ui",
    "uơ",
    "uy",
    "uya",
    "uyu",
    "uây",
    "uôi",
    "ưa",
    "ưi",
    "ưu",
    "ươi",
    "ươu",
    "y",
    "yêu",
    "ư",
]
_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "iê",
    "yê",
    "uô",
    "ươ",
    "oa",
    "oă",
    "oe",
    "uâ",
    "uê",
    "uy",
    "uyê",
    "oo",
]
_CODAS = ["c", "ch", "m", "n", "ng", "nh", "p", "t"]
_RHYMES = frozenset(_OPEN_RHYMES + [n + c for n in _NUCLEI for c in _CODAS])
_LETTERS = re.compile("[a-zăâđêôơư]+")
_TONE_SET = frozenset(TONES)


def is_syllable(word: str) -> bool:
    """Whether the word is written as a Vietnamese syllable (spelling, not meaning)."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONE_SET for c in parts)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_SET))
    if tones > 1 or not _LETTERS.fullmatch(base):
        return False
    return any(base.startswith(o) and base[len(o) :] in _RHYMES for o in _ONSETS)


def score(text: str) -> int:
    """Words that read as Vietnamese syllables less those that do not."""
    total = 0
    for word in _WORD.findall(text):
        total += 1 if is_syllable(word) else -1
    return total


# Letters outside Latin-1 and combining marks: text holding one is Unicode, not legacy.
_UNICODE_ONLY = re.compile("[\u0100-\u024f\u0300-\u036f\u1e00-\u1eff]")
_LEGACY_CHARS = re.compile("[\xa1-\xff]")


# Latin-1 characters that are no Vietnamese letter: Unicode Vietnamese never holds one, and
# text typed in TCVN3 or VNI almost always does (µ ¸ ¨ © ª « ® in TCVN3, ø ï ä ö ñ in VNI).
_VIETNAMESE_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
_LEGACY_ONLY = re.compile(
    "[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VIETNAMESE_LATIN1) + "]"
)


def has_legacy_only(text: str) -> bool:
    """Whether the text holds a Latin-1 character that is no Vietnamese letter."""
    return bool(_LEGACY_ONLY.search(text))


def may_be_legacy(text: str) -> bool:
    """Whether the text could be legacy bytes: Latin-1 letters, nothing Unicode-only."""
    return bool(_LEGACY_CHARS.search(text)) and not _UNICODE_ONLY.search(text)


def is_unicode_vietnamese(text: str) -> bool:
    return bool(_UNICODE_ONLY.search(text))
