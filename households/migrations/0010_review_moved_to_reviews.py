# The poverty review moved to its own app: the models leave households' state here; their
# tables stay where they are until reviews 0002 renames them (nothing is copied or lost).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0009_person_worklist_indexes"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                        migrations.AlterField(
                            model_name='historicalhouseholdstatus',
                            name='review_round',
                            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.reviewround', verbose_name='đợt rà soát'),
                        ),
                        migrations.AlterField(
                            model_name='householdstatus',
                            name='review_round',
                            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='statuses', to='reviews.reviewround', verbose_name='đợt rà soát'),
                        ),
                        migrations.DeleteModel(
                            name='Assessment',
                        ),
                        migrations.DeleteModel(
                            name='CommunityMeeting',
                        ),
                        migrations.DeleteModel(
                            name='DeprivationIndicator',
                        ),
                        migrations.DeleteModel(
                            name='HistoricalAssessment',
                        ),
                        migrations.DeleteModel(
                            name='PovertyStandard',
                        ),
                        migrations.DeleteModel(
                            name='ReviewItem',
                        ),
                        migrations.DeleteModel(
                            name='ReviewRound',
                        ),
            ],
        ),
    ]
