"""Operations the migrations share."""

from django.db import migrations


def postgres_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """Run raw SQL on PostgreSQL; on SQLite (the embedded setup) do nothing."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql)

        return apply

    return migrations.RunPython(run(forward), run(backward))
