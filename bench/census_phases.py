"""The phases of bench/import_census.py, each run in a fresh child process: ansinh's
upload, preview and commit, the breakdown of a preview, django-import-export's import.
"""

import resource
import time
import tracemalloc
from pathlib import Path

from census_list import DECISION, PROVINCE, WARD_CODE, YEAR, generate


def worker(args) -> dict:
    """Run one phase in this fresh process and return what was measured."""
    from django.db import connection
    from django.utils.translation import gettext

    import imports.problems_file  # noqa: F401  (a running worker has these loaded)
    import imports.tasks  # noqa: F401
    from imports import services
    from imports.models import ImportJob

    connection.ensure_connection()
    gettext("Hộ")  # the catalogue, loaded once per worker process
    phase = args.worker
    if phase.startswith("die"):
        return die_worker(args)
    if phase == "breakdown":
        return breakdown(args.job)
    if phase == "upload":
        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile

        from areas.models import Area

        ward = Area.objects.get(code=WARD_CODE, parent__code=PROVINCE)
        user = get_user_model().objects.get(username="bench_nhap")
        data = Path(args.file).read_bytes()
        name = Path(args.file).name

        def run():
            upload = SimpleUploadedFile(name, data)
            return services.import_job_create(
                user=user,
                ward=ward,
                upload=upload,
                year=YEAR,
                decision_number=DECISION[0],
                decision_date=DECISION[1],
            )
    else:
        job = ImportJob.objects.select_related("created_by").get(pk=args.job)
        if phase == "preview":

            def run():
                return services.import_preview_request(
                    user=job.created_by, job=job, mapping=job.column_mapping(), create_groups=False
                )
        else:

            def run():
                return services.import_commit_request(user=job.created_by, job=job)

    measured = _measure(run, trace=args.trace)
    job = ImportJob.objects.get(pk=measured.pop("value").pk)
    if phase == "preview" and job.previewed_at:
        # The page shows the preview once the row says so; the problems file comes after.
        measured["with_file_seconds"] = measured["seconds"]
        measured["seconds"] = job.previewed_at.timestamp() - measured["wall_started"]
    return measured | {
        "job": job.pk,
        "status": job.status,
        "counts": job.counts,
        "blocking": job.blocking_count,
        "warnings": job.warning_count,
        "problems": job.problems[:5],
        "error": job.error,
        "mapping": job.mapping,
    }


def _measure(run, *, trace: bool) -> dict:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    wall_started = time.time()
    started = time.perf_counter()
    value = run()
    seconds = time.perf_counter() - started
    py_peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "value": value,
        "seconds": seconds,
        "wall_started": wall_started,
        "rss_base_mb": base / 1024,
        "rss_peak_mb": peak / 1024,
        "py_peak_mb": py_peak / 2**20 if trace else None,
    }


def breakdown(job_id: int) -> dict:
    """Time the steps of a preview one by one, as import_preview_run takes them."""
    from django.utils import timezone

    from households.rules import known_province_codes
    from imports import services
    from imports.models import ImportJob
    from imports.parsing import parse_rows
    from imports.planning import plan_import, ward_groups
    from imports.problems_file import problems_workbook
    from imports.reading import read_upload
    from imports.rows import Context

    job = ImportJob.objects.select_related("ward").get(pk=job_id)
    steps = {}

    def step(name, run):
        started = time.perf_counter()
        value = run()
        steps[name] = time.perf_counter() - started
        return value

    with job.file.open("rb") as f:
        data = f.read()
    step(
        "read_upload at upload (python-calamine, checks)",
        lambda: read_upload(data, job.original_name),
    )
    rows = step("load the cells kept at upload", lambda: services._cells(job))
    ctx = Context(
        today=timezone.localdate(),
        group_keys=frozenset(ward_groups(job.ward)),
        ward_keys=services._ward_keys(job.ward),
        province_codes=known_province_codes(),
    )
    parsed = step("parse_rows", lambda: parse_rows(rows, job.header_row, job.column_mapping(), ctx))
    plan = step(
        "plan_import",
        lambda: plan_import(parsed, ward=job.ward, year=job.year, create_groups=False),
    )
    problems = [*parsed.problems, *plan.problems]
    if problems:
        step(
            f"problems_workbook ({len(problems)} problems; after the preview is shown)",
            lambda: problems_workbook(rows, job.header_row, problems),
        )
    return {"steps": steps}


def die_resources(ward):
    """django-import-export's standard ModelResources for the register, in one ward."""
    from import_export import fields, resources
    from import_export.widgets import ForeignKeyWidget

    from areas.models import Area, Level
    from households.models import Household, HouseholdStatus, Person
    from households.services import prepare_person

    class GroupWidget(ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)

    class HouseholdWidget(ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return Household.objects.filter(ward=ward)

    class HouseholdImport(resources.ModelResource):
        ward = fields.Field(attribute="ward", column_name="ward", widget=ForeignKeyWidget(Area))
        residential_group = fields.Field(
            attribute="residential_group",
            column_name="residential_group",
            widget=GroupWidget(Area, "name"),
        )

        class Meta:
            model = Household
            fields = ("ward", "code", "residential_group", "address", "phone")
            import_id_fields = ("ward", "code")

    class PersonImport(resources.ModelResource):
        household = fields.Field(
            attribute="household",
            column_name="household",
            widget=HouseholdWidget(Household, "code"),
        )

        class Meta:
            model = Person
            fields = (
                "household",
                "full_name",
                "relation_to_head",
                "sex",
                "birth_date",
                "birth_year_only",
                "national_id",
                "legacy_id",
                "ethnicity",
            )
            # Children have no ID: a person is its household, name and date of birth.
            import_id_fields = ("household", "full_name", "birth_date")

        def before_save_instance(self, instance, row, **kwargs):
            prepare_person(instance)  # the search key the register's search needs

    class StatusImport(resources.ModelResource):
        household = fields.Field(
            attribute="household",
            column_name="household",
            widget=HouseholdWidget(Household, "code"),
        )

        class Meta:
            model = HouseholdStatus
            fields = ("household", "year", "classification", "decision_number", "decision_date")
            import_id_fields = ("household", "year")

    return HouseholdImport, PersonImport, StatusImport


def die_datasets(data: list[dict], ward) -> tuple:
    """The list's rows as django-import-export reads them: one Dataset per model, values
    already in the register's codes (its widgets do not read "Chủ hộ" or "1947")."""
    import tablib

    households = tablib.Dataset(headers=["ward", "code", "residential_group", "address", "phone"])
    persons = tablib.Dataset(
        headers=[
            "household",
            "full_name",
            "relation_to_head",
            "sex",
            "birth_date",
            "birth_year_only",
            "national_id",
            "legacy_id",
            "ethnicity",
        ]
    )
    statuses = tablib.Dataset(
        headers=["household", "year", "classification", "decision_number", "decision_date"]
    )
    for h in data:
        households.append([ward.pk, h["code"], h["group"], h["address"], ""])
        for p in h["persons"]:
            persons.append(
                [
                    h["code"],
                    p["full_name"],
                    p["relation"],
                    p["sex"],
                    p["birth_date"],
                    p["birth_year_only"],
                    p["national_id"],
                    p["legacy_id"],
                    p["ethnicity"],
                ]
            )
        statuses.append([h["code"], YEAR, h["classification"], *DECISION])
    return households, persons, statuses


def die_worker(args) -> dict:
    """Import the rows with django-import-export: each model dry-run, then imported."""
    from areas.models import Area

    ward = Area.objects.get(code=WARD_CODE, parent__code=PROVINCE)
    datasets = die_datasets(generate(args.households, args.seed), ward)
    steps = []

    def run():
        for name, resource_class, dataset in zip(
            ("households", "persons", "statuses"), die_resources(ward), datasets, strict=True
        ):
            for dry_run in (True, False):
                started = time.perf_counter()
                result = resource_class().import_data(dataset, dry_run=dry_run, raise_errors=True)
                totals = {k: v for k, v in result.totals.items() if v}
                assert not result.has_errors() and not result.has_validation_errors(), name
                steps.append(
                    {
                        "model": name,
                        "dry_run": dry_run,
                        "seconds": time.perf_counter() - started,
                        "rows": len(dataset),
                        "totals": totals,
                    }
                )

    measured = _measure(run, trace=False)
    measured.pop("value")
    dry = sum(s["seconds"] for s in steps if s["dry_run"])
    return measured | {
        "steps": steps,
        "dry_run_seconds": dry,
        "import_seconds": measured["seconds"] - dry,
    }
