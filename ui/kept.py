"""Values computed from small reference tables (categories, rates, benefit types), kept by
the process while those tables hold the same rows.

A province's payroll is generated ward after ward by the same worker: each ward read the
same policy rows again (five queries) and computed the same month amounts again. Whether
the rows are the same is asked of the database in one query that hashes them there, so an
edit made anywhere (the admin, a migration, another process) is seen at the next use. The
embedded SQLite keeps nothing: it reads every time."""

from django.db import connection


def rows_version(models) -> str | None:
    """A hash of every row of these tables (PostgreSQL), None where it cannot be asked."""
    if connection.vendor != "postgresql":
        return None
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "
        f"FROM {quote(m._meta.db_table)} t)"
        for m in models
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " || ".join(parts))
        return cursor.fetchone()[0]


class Kept:
    """`get(key, make)`: make(), or what it gave before while the tables are unchanged."""

    def __init__(self, *models):
        self.models = models
        self._values: dict = {}

    def get(self, key, make):
        version = rows_version(self.models)
        found = self._values.get(key)
        if version is not None and found is not None and found[0] == version:
            return found[1]
        value = make()
        if version is not None:
            self._values[key] = (version, value)
        return value
