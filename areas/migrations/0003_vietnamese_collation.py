"""Vietnamese alphabetical order for names on PostgreSQL: Đ after D, "Tổ 2" before "Tổ 10".

The database's own collation (often C.UTF-8) puts every accented initial after Z. SQLite,
the embedded default, keeps its order (areas.queries.vietnamese_order falls back).
"""

from django.db import migrations

from areas.migration_ops import postgres_only


class Migration(migrations.Migration):
    dependencies = [("areas", "0002_single_spaces_in_names")]

    operations = [
        postgres_only(
            ["CREATE COLLATION IF NOT EXISTS vi_natural (provider = icu, locale = 'vi-u-kn-true')"],
            ["DROP COLLATION IF EXISTS vi_natural"],
        )
    ]
