# Each status learns the day its household's next status starts, so "in force on a day" is
# a range test (see households.services.status_ranges_refresh, which keeps it from now on).

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def close_ranges(apps, schema_editor):
    status = apps.get_model("households", "HouseholdStatus")
    following = status.objects.filter(
        household=OuterRef("household"), valid_from__gt=OuterRef("valid_from")
    ).order_by("valid_from")
    status.objects.update(superseded_on=Subquery(following.values("valid_from")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0010_review_moved_to_reviews'),
    ]

    operations = [
        migrations.AddField(
            model_name='householdstatus',
            name='superseded_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='hết hiệu lực từ ngày'),
        ),
        migrations.RunPython(close_ranges, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='householdstatus',
            index=models.Index(condition=models.Q(('superseded_on__isnull', True)), fields=['classification', 'household'], name='status_latest_idx'),
        ),
    ]
