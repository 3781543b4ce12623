"""Finer statistics on search_name, on PostgreSQL only.

A search is `search_name LIKE '%…%'`. PostgreSQL estimates how many persons match by
testing the pattern against the column's histogram; with the default 100 entries a name
of two or more words matches none of them and is estimated at a few dozen rows where
thousands match ("tran minh": 58 estimated, 5,437 found among 700,000 persons). The plan
then starts from the trigram index and probes a household for each match (70 ms for a
ward officer's count) instead of walking the ward's households (20 ms). 1,000 entries
give estimates within a few percent; ANALYZE samples 300,000 rows for it, a few seconds.
"""

from django.db import migrations

from areas.migration_ops import postgres_only

FORWARD = [
    "ALTER TABLE households_person ALTER COLUMN search_name SET STATISTICS 1000",
    "ANALYZE households_person (search_name)",
]
BACKWARD = ["ALTER TABLE households_person ALTER COLUMN search_name SET STATISTICS -1"]


class Migration(migrations.Migration):
    dependencies = [("households", "0003_history_verbose_names")]

    operations = [postgres_only(FORWARD, BACKWARD)]
