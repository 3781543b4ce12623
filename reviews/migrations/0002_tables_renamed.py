# The review's tables take the app's name (households_reviewround -> reviews_reviewround…), and
# its content types follow, so permissions and admin history stay attached. Rows, ids, indexes
# and foreign keys are untouched: a rename, not a copy.

from django.db import migrations

MODELS = (
    "povertystandard",
    "deprivationindicator",
    "reviewround",
    "reviewitem",
    "communitymeeting",
    "assessment",
    "historicalassessment",
)


def content_types_to(app_label: str, other: str):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        content_types.objects.using(schema_editor.connection.alias).filter(
            app_label=other, model__in=MODELS
        ).update(app_label=app_label)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("households", "0010_review_moved_to_reviews"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=name, table=None) for name in MODELS),
        migrations.RunPython(
            content_types_to("reviews", "households"), content_types_to("households", "reviews")
        ),
    ]
