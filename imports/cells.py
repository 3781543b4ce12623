"""The cells of a row, and the values module's readers remembered per distinct cell."""

from typing import Any, NamedTuple

from areas.models import Area
from households.models import Household, Person
from vn.names import clean_name, search_key

from . import values
from .columns import FIELDS
from .rows import Context

# The cells a row is read from, in this order; a column that is not mapped reads as "".
ROW_FIELDS = (
    "household_code",
    "ward",
    "residential_group",
    "address",
    "phone",
    "classification",
    "full_name",
    "relation_to_head",
    "sex",
    "birth",
    "national_id",
    "ethnicity",
    "disability_level",
)


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# The longest text each column may give, as the register's columns hold it.
MAX_LENGTHS = {
    "household_code": _max_length(Household, "code"),
    "residential_group": _max_length(Area, "name"),
    "address": _max_length(Household, "address"),
    "phone": _max_length(Household, "phone"),
    "full_name": _max_length(Person, "full_name"),
    "ethnicity": _max_length(Person, "ethnicity"),
}


class Row(NamedTuple):
    household_code: Any
    ward: Any
    residential_group: Any
    address: Any
    phone: Any
    classification: Any
    full_name: Any
    relation_to_head: Any
    sex: Any
    birth: Any
    national_id: Any
    ethnicity: Any
    disability_level: Any


class _Memo(dict):
    """A pure reader's result for each distinct cell value, looked up as memo[cell]: a list
    repeats most of its values (relations, sexes, groups, names, household details)."""

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, value):
        result = self.read(value)
        # 1, 1.0 and True are one key but not one cell ("1" and "True" as text): keep the
        # result of a cell that is equal to 0 or 1 to itself.
        if value.__class__ is not bool and not (value == 0 or value == 1):
            self[value] = result
        return result


def _failure(read):
    """Wrap a reader that raises ValueError: return (value, None) or (None, message)."""

    def attempt(value):
        try:
            return read(value), None
        except ValueError as e:
            return None, str(e)

    return attempt


class Readers:
    """The values module's readers, remembered per distinct cell for one list."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = _Memo(values.text)
        self.code = _Memo(lambda v: clean_name(values.text(v)).upper())
        self.clean = _Memo(lambda v: clean_name(values.text(v)))
        self.ward_known = _Memo(lambda text: values.ward_key(text) in ctx.ward_keys)
        self.group = _Memo(lambda text: (values.group_key(text), values.group_display(text)))
        self.classification = _Memo(_failure(values.classification))
        self.name = _Memo(self._name)
        self.relation = _Memo(lambda v: (values.text(v), *values.relation(values.text(v))))
        self.sex = _Memo(_failure(values.sex))
        self.birth = _Memo(_failure(lambda v: values.birth(v, today=ctx.today)))
        self.disability = _Memo(_failure(values.disability))

    @staticmethod
    def _name(value) -> tuple[str, str]:
        name = clean_name(values.text(value))
        return name, search_key(name)


def national_id_text(value) -> tuple[str, bool]:
    """values.national_id_text, with a shortcut for the usual cell: twelve digits as text."""
    if value.__class__ is str and len(value) == 12 and value.isascii() and value.isdigit():
        return value, False
    return values.national_id_text(value)


def is_blank_or_total(cells: list) -> bool:
    """For a row without a household code: blank, or a footer such as "Tổng cộng: 81 hộ,
    338 nhân khẩu", wherever it is written."""
    if all(c in ("", None) for c in cells):
        return True
    return any(
        search_key(c).startswith(("tong", "cong:", "total")) for c in cells if isinstance(c, str)
    )


def label(name: str) -> str:
    """The column's label, as the template and the problems file name it."""
    return str(FIELDS[name])
