"""Closing an identity clash (two persons found to carry one national ID): the officer
says whether they are two people or one registered twice, and why. Nothing is merged
here; the checks only refuse a conclusion the register does not bear out yet."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from households.models import IdentityClash, Membership

from ..models import OPEN_STATUSES, Case
from .base import CaseError, _check_writable


def identity_clash_resolve(
    *, user, clash: IdentityClash, resolution: str, note: str, on: date
) -> IdentityClash:
    """Record the officer's conclusion; refuse it while the register still contradicts it.

    Two people: the one whose number was blanked must hold a number again (typed on the
    household's page). One person twice: no longer two open cases, nor two open members."""
    with transaction.atomic():
        clash = (
            IdentityClash.objects.select_for_update()
            .select_related("person__household", "other__household")
            .get(pk=clash.pk)
        )
        _check_writable(user, clash.person.household.ward_id)
        if clash.resolved_on:
            raise CaseError(
                _("Trùng số này đã được xử lý ngày %(day)s.")
                % {"day": clash.resolved_on.strftime("%d/%m/%Y")}
            )
        both = (clash.person_id, clash.other_id)
        if resolution == IdentityClash.Resolution.DIFFERENT:
            if not (clash.person.national_id or clash.person.legacy_id):
                raise CaseError(
                    _(
                        "%(name)s chưa có số định danh: hãy ghi số đúng trên trang hộ trước khi "
                        "kết luận hai người khác nhau."
                    )
                    % {"name": clash.person.full_name}
                )
        elif (
            Case.objects.filter(person__in=both, status__in=OPEN_STATUSES)
            .values("person")
            .distinct()
            .count()
            == 2
        ):
            raise CaseError(
                _(
                    "Cả hai người đều còn hồ sơ trợ cấp đang mở: hãy chấm dứt hồ sơ của bản ghi "
                    "thừa trước (một người chỉ được chi trả một lần)."
                )
            )
        elif Membership.objects.open().filter(person__in=both).count() == 2:
            raise CaseError(
                _(
                    "Cả hai bản ghi vẫn là thành viên hộ: hãy ghi bản ghi thừa rời hộ (ghi chú "
                    "“ghi trùng”) trước."
                )
            )
        clash.resolution, clash.resolution_note = resolution, note
        clash.resolved_on, clash.resolved_by = on, user
        clash.save(update_fields=["resolution", "resolution_note", "resolved_on", "resolved_by"])
    return clash
