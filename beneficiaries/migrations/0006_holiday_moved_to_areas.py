# The holiday table now belongs to areas (areas 0005): the state only; the content type
# follows so that permissions given on holidays stay.

from django.db import migrations


def content_type_moved(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="areas", model="holiday").exists():
        ContentType.objects.filter(app_label="beneficiaries", model="holiday").update(
            app_label="areas"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('beneficiaries', '0005_case_transfers'),
        ('areas', '0005_holiday_moved_to_areas'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Holiday')]
        ),
        migrations.RunPython(content_type_moved, migrations.RunPython.noop),
    ]
