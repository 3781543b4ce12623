"""Seed the poverty standards of DOMAIN.md §3: ND 07/2021 (2022–2026) and ND 351/2025 (2027–2030).

Figures only a secondary source gives, or none, are seeded unconfirmed (DOMAIN.md §1): the
administrator corrects them in the admin when the official text is at hand.
"""

from datetime import date

from django.db import migrations

ND07 = {
    "code": "ND07-2021",
    "name": "Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết 2026)",
    "valid_from": date(2022, 1, 1),
    "valid_to": date(2026, 12, 31),
    "legal_reference": "Điều 3 Nghị định 07/2021/NĐ-CP; áp dụng đến hết năm 2026 theo Nghị định 351/2025/NĐ-CP",
    "rural_line": 1_500_000,
    "urban_line": 2_000_000,
    "rural_middle_bound": 2_250_000,
    "urban_middle_bound": 3_000_000,
    "min_deprivations": 3,
    "confirmed": False,
    "notes": (
        "Chuẩn nghèo 1.500.000 / 2.000.000 đồng đã đối chiếu văn bản. Mức sống trung bình "
        "2.250.000 / 3.000.000 đồng và quy tắc “thu nhập ≤ chuẩn và thiếu hụt từ 3 chỉ số” "
        "lấy từ nguồn thứ cấp: cần đối chiếu Nghị định 07/2021/NĐ-CP."
    ),
}
ND351 = {
    "code": "ND351-2025",
    "name": "Chuẩn nghèo đa chiều giai đoạn 2026–2030 (áp dụng từ 2027)",
    "valid_from": date(2027, 1, 1),
    "valid_to": date(2030, 12, 31),
    "legal_reference": "Nghị định 351/2025/NĐ-CP ngày 30/12/2025",
    "rural_line": 2_200_000,
    "urban_line": 2_800_000,
    "rural_middle_bound": 3_300_000,
    "urban_middle_bound": 4_200_000,
    "min_deprivations": 3,
    "confirmed": False,
    "notes": (
        "Chuẩn nghèo 2.200.000 / 2.800.000 đồng đã đối chiếu văn bản. Mức sống trung bình "
        "3.300.000 / 4.200.000 đồng chỉ là suy đoán (1,5 lần chuẩn nghèo); danh sách chỉ số "
        "theo dự thảo tháng 9/2025: cần xác nhận với văn bản chính thức."
    ),
}

# (code, service, name, deprived when, derive, parameters)
ND07_INDICATORS = [
    ("employment", "employment", "Việc làm", "Có thành viên trong độ tuổi lao động thất nghiệp hoặc làm công ăn lương không có hợp đồng lao động.", "", {}),
    ("dependants", "employment", "Người phụ thuộc trong hộ", "Số người phụ thuộc (trẻ em dưới 16 tuổi, người cao tuổi, người khuyết tật nặng) chiếm trên 50% số thành viên.", "dependants", {"share": 0.5, "child_below": 16, "elderly_from": 60}),
    ("nutrition", "health", "Dinh dưỡng", "Có trẻ em dưới 16 tuổi suy dinh dưỡng chiều cao theo tuổi hoặc cân nặng theo tuổi.", "", {}),
    ("health_insurance", "health", "Bảo hiểm y tế", "Có thành viên từ 6 tuổi trở lên không có thẻ bảo hiểm y tế.", "health_insurance", {"min_age": 6}),
    ("adult_education", "education", "Trình độ giáo dục của người lớn", "Có thành viên từ 16 đến 30 tuổi không tham gia học tập và chưa đạt trình độ: 16 đến dưới 18 tuổi chưa tốt nghiệp THCS; 18 đến 30 tuổi chưa tốt nghiệp THPT hoặc chưa có chứng chỉ nghề.", "adult_education", {"min_age": 16, "max_age": 30, "upper_from": 18}),
    ("school_attendance", "education", "Tình trạng đi học của trẻ em", "Có trẻ em từ 3 đến dưới 16 tuổi không được học đúng bậc, cấp học phù hợp với độ tuổi.", "school_attendance", {"min_age": 3, "max_age": 16}),
    ("housing_quality", "housing", "Chất lượng nhà ở", "Hộ không có nhà ở hoặc đang ở nhà có ít nhất 2 trong 3 kết cấu chính (tường, cột, mái) làm bằng vật liệu không bền chắc.", "", {}),
    ("floor_area", "housing", "Diện tích nhà ở bình quân đầu người", "Diện tích nhà ở bình quân dưới 8 m²/người.", "floor_area", {"m2_per_person": 8}),
    ("water", "water_sanitation", "Nguồn nước sinh hoạt", "Hộ không tiếp cận được nguồn nước sạch (máy, giếng khoan, giếng đào hoặc khe mó được bảo vệ, nước mưa, nước đóng chai).", "", {}),
    ("latrine", "water_sanitation", "Nhà tiêu hợp vệ sinh", "Hộ không có nhà tiêu hợp vệ sinh (tự hoại, bán tự hoại, thấm dội nước…).", "", {}),
    ("telecom", "information", "Sử dụng dịch vụ viễn thông", "Không thành viên nào sử dụng thuê bao điện thoại và internet.", "", {}),
    ("information_devices", "information", "Phương tiện phục vụ tiếp cận thông tin", "Hộ không có tivi, radio, máy tính, điện thoại, máy tính bảng và không nghe được hệ thống loa đài truyền thanh xã, thôn.", "", {}),
]
ND351_INDICATORS = [
    ND07_INDICATORS[0],
    ("dependants", "employment", "Người phụ thuộc trong hộ", "Số người phụ thuộc (trẻ em dưới 16 tuổi; người cao tuổi, người khuyết tật đang hưởng trợ cấp xã hội hằng tháng) chiếm trên 50% số thành viên.", "dependants", {"share": 0.5, "child_below": 16, "elderly_from": 60}),
    *ND07_INDICATORS[2:8],
    ND07_INDICATORS[8],
    ND07_INDICATORS[9],
    ("waste", "water_sanitation", "Xử lý rác thải", "Hộ không thu gom, xử lý rác thải sinh hoạt theo quy định.", "", {}),
    ND07_INDICATORS[10],
]


def seed(apps, schema_editor, app_label="households"):
    # The models live in reviews since reviews 0001; tests seed them again there.
    PovertyStandard = apps.get_model(app_label, "PovertyStandard")
    DeprivationIndicator = apps.get_model(app_label, "DeprivationIndicator")
    for values, indicators in ((ND07, ND07_INDICATORS), (ND351, ND351_INDICATORS)):
        standard, created = PovertyStandard.objects.get_or_create(
            code=values["code"], defaults=values
        )
        if not created:
            continue
        DeprivationIndicator.objects.bulk_create(
            DeprivationIndicator(
                standard=standard,
                code=code,
                service=service,
                name=name,
                definition=definition,
                derive=derive,
                parameters=parameters,
                order=order,
                confirmed=False,
            )
            for order, (code, service, name, definition, derive, parameters) in enumerate(
                indicators, start=1
            )
        )


class Migration(migrations.Migration):
    dependencies = [("households", "0006_status_valid_from")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
