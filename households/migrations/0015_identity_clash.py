"""National IDs and CMND numbers stored as typed (full-width "０８９…", Arabic-Indic,
with spaces or dots) are rewritten in ASCII digits, so the uniqueness rule and the
one-open-case rule meet them. Where the ASCII number already belongs to another person,
the two are not merged: this person's number is left blank and the clash recorded, for
the officer to resolve from the worklist.

It depends on 0014 only because an app's migrations must end in one leaf; it reads
nothing 0013 or 0014 made."""

import re
import unicodedata

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

SEPARATORS = re.compile(r"[\s.\-]")


def ascii_id(text: str) -> str:
    """As households.rules.normal_national_id does today (copied: a migration keeps working
    whatever the code becomes)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return SEPARATORS.sub("", text)


def normalise_ids(apps, schema_editor):
    Person = apps.get_model("households", "Person")
    IdentityClash = apps.get_model("households", "IdentityClash")
    today = timezone.localdate()
    odd = [
        p
        for p in Person.objects.exclude(national_id="", legacy_id="").only(
            "pk", "national_id", "legacy_id"
        ).iterator()
        if ascii_id(p.national_id) != p.national_id or ascii_id(p.legacy_id) != p.legacy_id
    ]
    for person in sorted(odd, key=lambda p: p.pk):
        person.legacy_id = ascii_id(person.legacy_id)[:9]
        number = ascii_id(person.national_id)
        if not re.fullmatch(r"[0-9]+", number or "0") or len(number) > 12:
            number = person.national_id  # not a number at all: left for the officer as it is
        holder = number and Person.objects.filter(national_id=number).exclude(pk=person.pk).first()
        if holder:
            IdentityClash.objects.get_or_create(
                person=person, national_id=number, defaults={"other": holder, "found_on": today}
            )
            number = ""
        person.national_id = number
        Person.objects.filter(pk=person.pk).update(
            national_id=person.national_id, legacy_id=person.legacy_id
        )


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0014_movement_kinds'),
    ]

    operations = [
        migrations.CreateModel(
            name='IdentityClash',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('national_id', models.CharField(max_length=12, verbose_name='số định danh (CCCD)')),
                ('found_on', models.DateField(verbose_name='phát hiện ngày')),
                ('resolved_on', models.DateField(blank=True, null=True, verbose_name='đã xử lý ngày')),
                ('other', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='households.person', verbose_name='người giữ số')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='identity_clashes', to='households.person', verbose_name='người bị xóa số')),
            ],
            options={
                'verbose_name': 'trùng số định danh',
                'verbose_name_plural': 'trùng số định danh',
                'constraints': [models.UniqueConstraint(fields=('person', 'national_id'), name='identity_clash_person_id_unique')],
            },
        ),
        migrations.RunPython(normalise_ids, migrations.RunPython.noop, elidable=True),
    ]
