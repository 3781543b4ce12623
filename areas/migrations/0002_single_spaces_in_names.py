"""Names loaded before the source was cleaned kept its double spaces ("Phường  An Nhơn"):
they sorted apart from their neighbours and missed exact searches."""

from django.db import migrations


def collapse_spaces(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    for area in Area.objects.filter(name__contains="  ").only("pk", "name"):
        area.name = " ".join(area.name.split())
        area.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]

    operations = [migrations.RunPython(collapse_spaces, migrations.RunPython.noop)]
