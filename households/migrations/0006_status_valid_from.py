from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("households", "0005_poverty_review")]

    operations = [
        migrations.AlterField(
            model_name="householdstatus",
            name="valid_from",
            field=models.DateField(verbose_name="áp dụng từ ngày"),
        ),
        migrations.AlterField(
            model_name="historicalhouseholdstatus",
            name="valid_from",
            field=models.DateField(verbose_name="áp dụng từ ngày"),
        ),
        migrations.RemoveConstraint(model_name="householdstatus", name="status_one_per_year"),
        migrations.AddConstraint(
            model_name="householdstatus",
            constraint=models.UniqueConstraint(
                fields=("household", "valid_from"), name="status_one_per_day"
            ),
        ),
    ]
