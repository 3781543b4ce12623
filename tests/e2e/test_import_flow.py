"""A ward officer imports a census list: preview, error file, fixed file, commit, search."""

import re
import threading
from datetime import date

import openpyxl
import pytest
from django.db import connection
from playwright.sync_api import expect

from areas.models import RoleAssignment
from imports import services, tasks
from imports.models import ImportJob

from ..imports.sheets import HEADER
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

TITLE_ROWS = [
    "ỦY BAN NHÂN DÂN PHƯỜNG LONG XUYÊN",
    "DANH SÁCH HỘ CẬN NGHÈO NĂM 2025 – KHÓM ĐÔNG AN, ĐÔNG PHÚ",
    "(Kèm theo Quyết định số 12/QĐ-UBND ngày 20/01/2025 của UBND phường)",
]
AN = ("Khóm Đông An", "Tổ 3, khóm Đông An, phường Long Xuyên")
AN_1 = ("Khóm Đông An", "Tổ 1, khóm Đông An, phường Long Xuyên")
PHU = ("Khóm Đông Phú", "Tổ 6, khóm Đông Phú, phường Long Xuyên")
NEAR_POOR = "Hộ cận nghèo"
# Code, (khóm, address), name, relation, birth, sex, CCCD, ethnicity: one person a row.
PEOPLE = [
    ("DX-AN-101", AN, "Lâm Thị Ngọc Hân", "Chủ hộ", "14/02/1971", "Nữ", "089171004512", "Kinh"),
    ("DX-AN-101", AN, "Trương Văn Lộc", "Chồng", date(1969, 9, 3), "Nam", "089069007731", "Kinh"),
    # Born 1998, but the 4th digit 2 says the 2000s: the CCCD is wrong.
    ("DX-AN-101", AN, "Trương Minh Khôi", "Con", "21/05/1998", "Nam", "089298003315", "Kinh"),
    # The head is written as a child: household DX-AN-102 has no head.
    ("DX-AN-102", AN_1, "Huỳnh Văn Phước", "Con", "08-11-1980", "Nam", "089080012345", "Kinh"),
    ("DX-AN-102", AN_1, "Võ Thị Mỹ Duyên", "Vợ", "17/06/1984", "Nữ", "089184006789", "Kinh"),
    ("DX-PH-103", PHU, "Nguyễn Hoàng Yến", "Chủ hộ", "30/12/1955", "Nữ", "089155001122", "Khmer"),
    ("DX-PH-103", PHU, "Nguyễn Gia Bảo", "Cháu", 2014, "Nam", None, "Khmer"),
]
FIRST_ROW = len(TITLE_ROWS) + 3  # titles, a blank row, the header row: data starts on row 6
BAD_ID_ROW = FIRST_ROW + 2
NO_HEAD_ROW = FIRST_ROW + 3
BAD_ID_MESSAGE = "Số định danh không khớp năm sinh: chữ số thứ 4–6 cho năm 2098, năm sinh là 1998."
NO_HEAD_MESSAGE = "Hộ DX-AN-102 không có chủ hộ."
# Words that would betray an untranslated string on a Vietnamese page.
ENGLISH = re.compile(
    r"\b(the|and|of|file|upload|import|imported|preview|row|rows|column|columns|error|errors|"
    r"warning|warnings|status|none|true|false|submit|choose|clear|currently|change|field|"
    r"required|result|results|households?|members?|commit|done|failed|queued|progress|"
    r"ignore|skip|download|new|updated|unchanged)\b",
    re.IGNORECASE,
)


def sample_workbook(path):
    """A list shaped like the wards' own (shared/samples/dong-xuyen-ho-can-ngheo-2025.xlsx)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    for title in TITLE_ROWS:
        sheet.append([title])
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("A2:L2")
    sheet.merge_cells("A3:L3")
    sheet.append([])
    sheet.append(HEADER)
    for n, (code, (khom, address), name, relation, birth, sex, cccd, ethnicity) in enumerate(
        PEOPLE, 1
    ):
        sheet.append(
            [n, code, khom, address, name, relation, birth, sex, cccd, ethnicity, NEAR_POOR, None]
        )
    sheet.cell(FIRST_ROW + 1, 7).number_format = "DD/MM/YYYY"
    sheet.append([])
    sheet.append([None, None, None, None, f"Tổng cộng: 3 hộ, {len(PEOPLE)} nhân khẩu"])
    book.save(path)
    return path


@pytest.fixture
def eager_tasks(settings, tmp_path):
    """Run Celery tasks in the request that queues them; uploads go to a temporary folder.

    bin/test points CELERY_BROKER_URL at Redis, and the Celery app read its settings when
    first used, so its own configuration is switched too, and restored afterwards.
    """
    from config.celery import app

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.CELERY_TASK_ALWAYS_EAGER = True
    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


class HeldWorker:
    """Stands in for the worker that commits: the job waits in its queue until released,
    then runs in another thread, so the page has to poll its progress bar to the end."""

    def __init__(self):
        self.released = threading.Event()
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def delay(self, job_id):
        thread = threading.Thread(target=self._run, args=(job_id,), daemon=True)
        self.threads.append(thread)
        thread.start()

    def _run(self, job_id):
        try:
            if self.released.wait(30):
                services.import_commit_run(job_id)
        except BaseException as e:  # reported by the test, not lost in the thread
            self.errors.append(e)
        finally:
            connection.close()

    def join(self):
        self.released.set()
        for thread in self.threads:
            thread.join(30)


@pytest.fixture
def held_worker(monkeypatch):
    worker = HeldWorker()
    monkeypatch.setattr(tasks, "commit_import", worker)
    yield worker
    worker.join()
    assert worker.errors == []


def english_words(page) -> list[str]:
    """English-looking words in the page's main part, its option labels and button titles."""
    text = page.locator("main").inner_text()
    text += "\n".join(page.locator("main option").all_inner_texts())
    text += "\n".join(
        page.locator("main [title], main [placeholder], main [aria-label]").evaluate_all(
            "els => els.map(e => [e.title, e.placeholder, e.ariaLabel].join(' '))"
        )
    )
    # File names are the user's own words.
    for name in ImportJob.objects.values_list("original_name", flat=True):
        text = text.replace(name, "").replace(name.rsplit(".", 1)[0], "")
    return ENGLISH.findall(text)


def screenshots(page, artifacts, name: str) -> None:
    """Save the page as a desktop and a phone show it: Vietnamese only, no sideways scroll."""
    page.screenshot(path=artifacts / f"{name}-desktop.png", full_page=True)
    assert english_words(page) == []
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def upload(page, live_server, path):
    page.goto(f"{live_server.url}/imports/")
    page.fill("#id_year", "2025")
    page.fill("#id_decision_number", "12/QĐ-UBND")
    page.fill("#id_decision_date", "20/01/2025")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Tải lên và đọc cột").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    return ImportJob.objects.latest("pk")


def preview(page):
    page.get_by_role("button", name=re.compile(r"^Xem trước")).click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    expect(page.locator(".badge.job-previewed")).to_be_visible()


def problem_rows(page) -> list[tuple[str, str, str, str]]:
    rows = page.locator("table.problems tbody tr")
    return [
        tuple(cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts())
        for i in range(rows.count())
    ]


def test_officer_imports_a_list_fixes_it_and_finds_a_person(
    demo, live_server, page, login, artifacts, tmp_path, eager_tasks, held_worker
):
    login(page, "canbo")
    page.get_by_role("link", name="Nhập danh sách", exact=True).click()
    page.wait_for_url(f"{live_server.url}/imports/")
    expect(page.locator("h1")).to_have_text("Nhập danh sách hộ từ tệp Excel")
    ward = RoleAssignment.objects.get(user__username="canbo").area
    expect(page.locator("#id_ward")).to_have_value(str(ward.pk))
    page.screenshot(path=artifacts / "import-list-desktop.png", full_page=True)
    assert english_words(page) == []

    # 1. The list as the ward keeps it, with two mistakes.
    sample = sample_workbook(tmp_path / "ho-can-ngheo-dong-an-2025.xlsx")
    job = upload(page, live_server, sample)
    expect(page.locator("h1")).to_contain_text(sample.name)
    expect(page.locator("h1 .badge")).to_have_text("Chờ ghép cột")
    mapping = page.locator(".mapping")
    expect(mapping.locator("label")).to_have_text(HEADER)
    expect(mapping.get_by_label("Họ và tên", exact=True)).to_have_value("full_name")
    expect(mapping.get_by_label("Khóm", exact=True)).to_have_value("residential_group")
    expect(mapping.get_by_label("Số CCCD", exact=True)).to_have_value("national_id")
    expect(mapping.get_by_label("Phân loại hộ", exact=True)).to_have_value("classification")
    expect(mapping.get_by_label("STT", exact=True)).to_have_value("")
    expect(mapping.locator(".unmapped label")).to_have_text(["STT"])
    expect(page.get_by_role("button", name="Ghi vào sổ")).to_have_count(0)
    page.screenshot(path=artifacts / "import-mapping-desktop.png", full_page=True)
    assert english_words(page) == []

    # 2. The preview names both problems, by row, and refuses to write.
    preview(page)
    job.refresh_from_db()
    assert (job.blocking_count, job.warning_count) == (2, 0)
    expect(page.locator("main .errors")).to_have_text("Còn 2 lỗi phải sửa trước khi ghi vào sổ.")
    expect(page.get_by_role("button", name="Ghi vào sổ")).to_have_count(0)
    expect(page.get_by_role("heading", name="Vấn đề: 2 lỗi, 0 cảnh báo")).to_be_visible()
    expect(page.locator("table.counts")).to_contain_text("Nhân khẩu")
    expect(page.locator("main")).to_contain_text(f"{len(PEOPLE)} dòng dữ liệu")
    assert problem_rows(page) == [
        (str(BAD_ID_ROW), "Số CCCD", "Lỗi", BAD_ID_MESSAGE),
        (str(NO_HEAD_ROW), "Quan hệ với chủ hộ", "Lỗi", NO_HEAD_MESSAGE),
    ]
    screenshots(page, artifacts, "import-preview-problems")

    # 3. The error file: the list as sent, with what to fix at the end of each row.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp lỗi (.xlsx) để sửa").click()
    assert download.value.suggested_filename == "loi-ho-can-ngheo-dong-an-2025.xlsx"
    errors_path = tmp_path / download.value.suggested_filename
    download.value.save_as(errors_path)
    book = openpyxl.load_workbook(errors_path)
    sheet = book.active
    last = len(HEADER) + 1
    assert sheet.cell(FIRST_ROW - 1, last).value == "Vấn đề cần sửa"
    notes = {
        row: sheet.cell(row, last).value
        for row in range(FIRST_ROW, FIRST_ROW + len(PEOPLE))
        if sheet.cell(row, last).value
    }
    assert notes == {
        BAD_ID_ROW: f"Lỗi – Số CCCD: {BAD_ID_MESSAGE}",
        NO_HEAD_ROW: f"Lỗi – Quan hệ với chủ hộ: {NO_HEAD_MESSAGE}",
    }
    assert sheet.cell(BAD_ID_ROW, 5).value == "Trương Minh Khôi"

    # 4. Fix both in the error file itself and send it as a new import.
    sheet.cell(BAD_ID_ROW, 9).value = "089098003315"
    sheet.cell(NO_HEAD_ROW, 6).value = "Chủ hộ"
    fixed = tmp_path / "ho-can-ngheo-dong-an-2025-da-sua.xlsx"
    book.save(fixed)
    job = upload(page, live_server, fixed)
    expect(page.locator(".mapping .unmapped label")).to_have_text(["STT", "Vấn đề cần sửa"])
    preview(page)
    job.refresh_from_db()
    assert (job.blocking_count, job.warning_count) == (0, 0)
    assert job.counts == {
        **job.counts,
        "households_new": 3,
        "persons_new": len(PEOPLE),
        "statuses_new": 3,
        "rows": len(PEOPLE),
    }
    expect(page.locator("main .errors")).to_have_count(0)
    expect(page.locator("table.problems")).to_have_count(0)

    # 5. Commit: the job waits for the worker, the page polls its bar until 100 %.
    polled = []
    page.on("response", lambda r: "/progress/" in r.url and polled.append(r.status))
    page.get_by_role("button", name="Ghi vào sổ").click()
    page.wait_for_url(f"{live_server.url}/imports/{job.pk}/")
    bar = page.locator("#progress [role=progressbar]")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("#progress")).to_contain_text("Chờ ghi")
    page.screenshot(path=artifacts / "import-progress-desktop.png")
    held_worker.released.set()
    expect(page.locator(".badge.job-done")).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#progress")).to_contain_text("100 %")
    expect(page.locator("#progress")).to_contain_text("Đã nhập xong")
    expect(page.get_by_role("heading", name="Kết quả")).to_be_visible()
    assert polled and set(polled) == {200}
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    page.screenshot(path=artifacts / "import-done-desktop.png", full_page=True)
    assert english_words(page) == []
    page.goto(f"{live_server.url}/imports/")
    jobs = page.locator("table.jobs tbody tr")
    expect(jobs).to_have_count(2)
    expect(jobs.first).to_contain_text(fixed.name)
    expect(jobs.first).to_contain_text("Đã nhập xong")
    expect(jobs.last).to_contain_text("Đã xem trước")
    screenshots(page, artifacts, "import-list-jobs")

    # 6. The person is in the register, found without diacritics, with the import in history.
    page.get_by_role("link", name="Hộ gia đình", exact=True).first.click()
    page.wait_for_url(re.compile(r"/households/$"))
    with page.expect_response(
        lambda r: "/households/" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.fill("#id_q", "truong minh khoi")
    results = page.locator("#results")
    expect(results).to_contain_text("Kết quả 1–1")
    expect(results).to_contain_text("Lâm Thị Ngọc Hân")
    results.get_by_role("link", name="DX-AN-101").click()
    page.wait_for_url(re.compile(r"/households/\d+/$"))
    expect(page.locator("table.list").first).to_contain_text("Trương Minh Khôi")
    expect(page.locator("table.list").first).to_contain_text("089098003315")
    history = page.locator("section.card", has=page.get_by_role("heading", name="Lịch sử thay đổi"))
    expect(history).to_contain_text("đã tạo Nhân khẩu: Trương Minh Khôi")
    page.screenshot(path=artifacts / "import-household-desktop.png", full_page=True)
    expect(history).to_contain_text(f"Nhập từ tệp {fixed.name} (lần nhập #{job.pk})")
