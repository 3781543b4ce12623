"""Bulk work shared by the apps: rows sent with COPY on PostgreSQL (a province's import
or payroll is tens of thousands of rows), bulk_create on the embedded SQLite, and the
garbage collector paused while such work allocates."""

import functools
import gc

from django.db import connection
from psycopg.copy import QueuedLibpqWriter

BATCH = 2000


def copy_rows(table: str, columns: tuple, rows) -> None:
    """Send rows (sequences of the columns' values) to the table with COPY (PostgreSQL)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        # The queued writer sends from a thread while the next rows are formatted here.
        statement = f"COPY {quote(table)} ({names}) FROM STDIN"
        with cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
            for row in rows:
                copy.write_row(row)


def insert_rows(model, columns: tuple, rows: list[tuple]) -> None:
    """Insert rows (values of the columns, field attnames; every other field must have a
    database-side or no default) without building model instances on PostgreSQL."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        copy_rows(model._meta.db_table, columns, rows)
        return
    objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
    model.objects.bulk_create(objs, batch_size=BATCH)


def reserve_ids(model, n: int) -> list[int]:
    """Draw n ids from the table's sequence, as n inserts would (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return sorted(pk for (pk,) in cursor.fetchall())


def without_gc(func):
    """Run func with Python's cyclic garbage collector paused. Reading a list allocates
    hundreds of thousands of objects and frees almost none; each allocation burst makes the
    collector walk every object alive again, which took a third of the time of a large list.
    What is left to collect is collected once the function returns."""

    @functools.wraps(func)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused
