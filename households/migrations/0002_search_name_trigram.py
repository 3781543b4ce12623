"""Trigram index for diacritics-free name search, on PostgreSQL only.

`pg_trgm` is a trusted extension, so the migration can create it. SQLite (the embedded
setup) has no such index and scans the column, which is fine at one ward's size.
"""

from django.db import migrations

from areas.migration_ops import postgres_only

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_search_name_trgm "
    "ON households_person USING gin (search_name gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS person_search_name_trgm"]


class Migration(migrations.Migration):
    dependencies = [("households", "0001_initial")]

    operations = [postgres_only(CREATE, DROP)]
