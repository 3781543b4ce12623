"""What the catalog tests share: where the catalogs are, what a catalog translates, the text
a page shows, and a household with a history."""

from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from ..factories import HouseholdFactory, PersonFactory

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"


def translations(catalog) -> dict:
    """(msgctxt, msgid) -> msgstr (or plural forms) of the entries gettext will use."""
    out = {}
    for e in catalog:
        if not e.msgid or e.obsolete or "fuzzy" in e.flags:
            continue
        key = (e.msgctxt, e.msgid)
        if e.msgid_plural:
            forms = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            if all(forms):
                out[key] = forms
        elif e.msgstr:
            out[key] = e.msgstr
    return out


class _VisibleText(HTMLParser):
    """Text nodes outside script and style, plus what buttons and fields show."""

    SHOWN_ATTRIBUTES = {"placeholder", "title"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.parts.append(attrs.get("value") or "")
        self.parts.extend(v for k, v in attrs.items() if k in self.SHOWN_ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def edited_household(ward, user):
    """A household of `ward` with a member, its address then changed by `user`: a history."""
    household = HouseholdFactory(ward=ward, code="AG-001", address="12 Lê Lợi")
    PersonFactory(household=household, full_name="Nguyễn Văn An")
    household.address = "14 Lê Lợi"
    household._history_user = user
    household.save()
    return household
