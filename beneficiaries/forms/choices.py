"""The choices the case forms offer and the case page names: the conditions a dossier
confirms, the groups of Điều 5, the papers checked at filing."""

from django.utils.translation import gettext_lazy

from .. import rules
from ..models import GROUPS

# The conditions of rules.FLAGS, as the officer confirms them from the dossier.
FLAG_LABELS = {
    "orphan": gettext_lazy(
        "Trẻ em không có nguồn nuôi dưỡng (một trong các trường hợp khoản 1 Điều 5)"
    ),
    "studying": gettext_lazy(
        "Đang học phổ thông, học nghề, trung cấp, cao đẳng hoặc đại học văn bằng thứ nhất"
    ),
    "hiv": gettext_lazy("Nhiễm HIV/AIDS"),
    "single_parent": gettext_lazy(
        "Đơn thân: không có chồng hoặc vợ, chồng hoặc vợ đã chết hoặc mất tích"
    ),
    "no_supporter": gettext_lazy(
        "Không có người phụng dưỡng, hoặc người phụng dưỡng đang hưởng trợ cấp hằng tháng"
    ),
    "special_area": gettext_lazy(
        "Sống ở xã, thôn vùng đồng bào dân tộc thiểu số và miền núi đặc biệt khó khăn"
    ),
    "no_pension": gettext_lazy(
        "Không có lương hưu, trợ cấp bảo hiểm xã hội hoặc trợ cấp xã hội hằng tháng"
    ),
    "facility_eligible": gettext_lazy(
        "Đủ điều kiện vào cơ sở trợ giúp xã hội nhưng sống tại cộng đồng"
    ),
    "no_stable_income": gettext_lazy("Không có nguồn thu nhập ổn định hằng tháng"),
}
FLAG_CHOICES = [(flag, FLAG_LABELS[flag]) for flag in rules.FLAGS]

# The groups of Điều 5 Nghị định 20/2021/NĐ-CP, as the application names them.
GROUP_LABELS = {
    "K1": gettext_lazy("K1 – Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng"),
    "K2": gettext_lazy("K2 – Người từ 16 đến 22 tuổi thuộc nhóm K1 đang đi học"),
    "K3": gettext_lazy("K3 – Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo"),
    "K4": gettext_lazy("K4 – Người đơn thân thuộc hộ nghèo, cận nghèo đang nuôi con"),
    "K5": gettext_lazy("K5 – Người cao tuổi"),
    "K6": gettext_lazy("K6 – Người khuyết tật nặng, đặc biệt nặng"),
    "K7": gettext_lazy("K7 – Trẻ em dưới 3 tuổi ở vùng đặc biệt khó khăn"),
    "K8": gettext_lazy("K8 – Người nhiễm HIV/AIDS thuộc hộ nghèo"),
}
GROUP_CHOICES = [("", gettext_lazy("— Chọn —"))] + [(g, GROUP_LABELS[g]) for g, _g in GROUPS]

# Papers shown at filing, checked and handed back (ND 20/2021 Điều 8 khoản 1a, Điều 7).
DOCUMENT_CHOICES = [
    ("application", gettext_lazy("Tờ khai đề nghị trợ giúp xã hội (Mẫu 1a–1đ)")),
    ("cccd", gettext_lazy("CCCD hoặc giấy tờ chứng minh nơi cư trú")),
    ("birth_certificate", gettext_lazy("Giấy khai sinh (trẻ em, người đơn thân nuôi con)")),
    ("disability_certificate", gettext_lazy("Giấy xác nhận khuyết tật")),
    ("hiv_certificate", gettext_lazy("Giấy xác nhận nhiễm HIV của cơ sở y tế")),
    ("pregnancy_certificate", gettext_lazy("Giấy xác nhận mang thai")),
]
DOCUMENT_LABELS = dict(DOCUMENT_CHOICES)
