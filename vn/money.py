"""Money as Vietnamese writes it: integer đồng, 1.500.000 ₫ in figures, "Một triệu năm
trăm nghìn đồng" in words. Pages, documents, spreadsheets and rule explanations all
format amounts here."""

from .numbers import grouped, in_words

NBSP = "\u00a0"  # between the figure and ₫, so the sign never starts a line


def vnd(amount: int, *, symbol: bool = True, separator: str = ".") -> str:
    """Return 1.500.000 ₫ (no-break space), or 1.500.000 without the symbol.

    Documents keep the dots whatever the reader's language; a page passes its locale's
    thousand separator.
    """
    figure = grouped(int(amount), separator=separator)
    return f"{figure}{NBSP}₫" if symbol else figure


def amount_in_words(amount: int) -> str:
    """Return the amount as a document writes it in words: "Một triệu hai trăm năm mươi
    nghìn đồng" for 1250000."""
    text = in_words(amount)
    return f"{text[0].upper()}{text[1:]} đồng"
