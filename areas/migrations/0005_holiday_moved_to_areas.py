# The holiday table moves down from beneficiaries (the reviews count working days too):
# the state only, the table keeps its name.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0004_area_population'),
        ('beneficiaries', '0005_case_transfers'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='Holiday',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(unique=True, verbose_name='ngày')),
                ('name', models.CharField(max_length=120, verbose_name='tên')),
            ],
            options={
                'verbose_name': 'ngày nghỉ lễ',
                'verbose_name_plural': 'ngày nghỉ lễ',
                'db_table': 'beneficiaries_holiday',
                'ordering': ['day'],
            },
        )]),
    ]
