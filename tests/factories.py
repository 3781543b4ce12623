from datetime import date

import factory
from django.contrib.auth import get_user_model

from areas.models import Area, Kind, Level, Role, RoleAssignment
from households.models import Household, HouseholdStatus, Membership, Person
from households.services import status_ranges_refresh
from vn.names import search_key


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"{n % 90 + 10:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    level = Level.PROVINCE
    kind = Kind.PROVINCE
    parent = None
    path = factory.LazyAttribute(lambda a: Area.build_path(a.parent, a.code))


class WardFactory(ProvinceFactory):
    code = factory.Sequence(lambda n: f"{n:05d}")
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    level = Level.WARD
    kind = Kind.URBAN_WARD
    is_urban = True
    parent = factory.SubFactory(ProvinceFactory)


class ResidentialGroupFactory(ProvinceFactory):
    code = factory.Sequence(lambda n: f"{n:03d}")
    name = factory.Sequence(lambda n: f"Khóm {n}")
    level = Level.RESIDENTIAL_GROUP
    kind = Kind.KHOM
    parent = factory.SubFactory(WardFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Thử"
    last_name = "Người Dùng"
    password = factory.django.Password("ansinh-test")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(WardFactory)
    role = Role.WARD_OFFICER


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    ward = factory.SubFactory(WardFactory)
    code = factory.Sequence(lambda n: f"HK-{n:04d}")
    address = factory.Sequence(lambda n: f"{n} đường Thử")


def national_id_for(birth: date, sex: str, serial: int) -> str:
    """A 12-digit ID consistent with the birth year and sex (TT 07/2016 layout)."""
    digit = 2 * ((birth.year - 1900) // 100) + (0 if sex == "male" else 1)
    return f"089{digit}{birth.year % 100:02d}{serial % 10**6:06d}"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    full_name = factory.Sequence(lambda n: f"Trần Văn Thử {n}")
    search_name = factory.LazyAttribute(lambda p: search_key(p.full_name))
    sex = "male"
    birth_date = date(1980, 5, 17)
    relation_to_head = "head"
    national_id = factory.LazyAttributeSequence(
        lambda p, n: national_id_for(p.birth_date, p.sex, n)
    )

    @classmethod
    def _create(cls, model_class, *args, member_since=date(2020, 1, 1), **kwargs):
        # The register gives every member a dated membership: from member_since, ended
        # by a death or departure the person is created with.
        person = super()._create(model_class, *args, **kwargs)
        gone = [d for d in (person.deceased_on, person.moved_out_on) if d]
        Membership.objects.create(
            person=person,
            household=person.household,
            relation_to_head=person.relation_to_head,
            started_on=min([member_since, *gone]),
            ended_on=min(gone) if gone else None,
            join_reason="registered",
            leave_reason=("died" if person.deceased_on == min(gone) else "moved_away")
            if gone
            else "",
        )
        return person


class HouseholdStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdStatus

    household = factory.SubFactory(HouseholdFactory)
    year = 2025
    classification = "near_poor"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # superseded_on is derived: close the household's ranges as the services do.
        status = super()._create(model_class, *args, **kwargs)
        status_ranges_refresh(household_ids=[status.household_id])
        status.refresh_from_db(fields=["superseded_on"])
        return status
