"""The household list's "has / lacks" filters for the supports of this app (registered in
households.support_filters when the app is ready): each the households that have it."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from households import support_filters

from .models import CampaignRecipient, HealthCard, HousingSupport, Loan


def _carded():
    today = timezone.localdate()
    valid = HealthCard.objects.filter(valid_from__lte=today, valid_to__gte=today)
    return valid.values("person__household_id")


def _lent():
    got = (Loan.Status.DISBURSED, Loan.Status.REPAID, Loan.Status.OVERDUE)
    return Loan.objects.filter(status__in=got).values("household_id")


def _housed():
    return HousingSupport.objects.filter(stage=HousingSupport.Stage.ACCEPTED).values("household_id")


def _gifted():
    year = timezone.localdate().year
    given = CampaignRecipient.objects.filter(received_on__year=year, removed_at__isnull=True)
    return given.values("household_id")


def register() -> None:
    support_filters.register("card", _("thẻ BHYT còn giá trị (của một thành viên)"), _carded)
    support_filters.register("loan", _("khoản vay NHCSXH"), _lent)
    support_filters.register("housing", _("hỗ trợ nhà ở đã nghiệm thu"), _housed)
    support_filters.register("gift", _("quà năm nay"), _gifted)
