"""The programme report's DOCX, XLSX and PDF open in LibreOffice and poppler reads the figures
(issue 12 "Done when", office leg). Counts by hand: ``ocop/programme/tests/records.py``."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document

from ocop.programme.tests.records import build_records
from ocop.testing import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.office]

ARGS = ("--period", "2019-2021", "--unit", "84", "--map", "legacy", "--as-of", "2022-02-21")


@pytest.fixture
def records():
    return build_records(make_user("quocgia-test", role="national_office"))


def _report(tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "programme",
        *ARGS,
        "--format",
        fmt,
        "--output",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return out


def _to_pdf(path: Path, tmp_path: Path) -> Path:
    outdir = tmp_path / "out"
    subprocess.run(  # noqa: S603 - fixed arguments, files we wrote
        [  # noqa: S607 - Debian's LibreOffice on PATH
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo').resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = outdir / (path.stem + ".pdf")
    assert pdf.stat().st_size > 1000
    return pdf


def _text(pdf: Path) -> str:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],  # noqa: S607 - poppler on PATH
        check=True,
        capture_output=True,
        timeout=60,
    )
    return " ".join(result.stdout.decode("utf-8").split())


NARRATIVE = (
    "tính đến ngày 21/02/2022, Tỉnh Trà Vinh có 10 sản phẩm được đánh giá, phân hạng và công "
    "nhận đạt sản phẩm OCOP từ 3 sao trở lên (1 sản phẩm tiềm năng 5 sao chờ đánh giá cấp quốc "
    "gia, 1 sản phẩm 5 sao, 2 sản phẩm 4 sao và 6 sản phẩm 3 sao) của 5 chủ thể."
)


def test_docx_in_the_administrative_format_opens_in_libreoffice(records, tmp_path):
    path = _report(tmp_path, "docx")
    doc = Document(str(path))
    section = doc.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    header = doc.tables[0].rows[0].cells[1].paragraphs
    assert header[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert doc.paragraphs[0].runs[0].font.name == "Times New Roman"
    text = _text(_to_pdf(path, tmp_path))
    assert NARRATIVE in text
    assert "Trong đó có 8 sản phẩm được công nhận lần đầu, 1 sản phẩm được nâng hạng sao" in text
    assert "IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in text
    assert "rated-in-period/v1" in text


def test_xlsx_opens_in_libreoffice(records, tmp_path):
    text = _text(_to_pdf(_report(tmp_path, "xlsx"), tmp_path))
    assert "products.rated.potential_5" in text
    assert "Sản phẩm tiềm năng 5 sao" in text


def test_pdf_renders_the_vietnamese_text_and_figures(records, tmp_path):
    text = _text(_report(tmp_path, "pdf"))
    assert NARRATIVE in text
    assert "Theo loại hình chủ thể: 2 hợp tác xã, 1 công ty TNHH, 1 doanh nghiệp tư nhân" in text
    assert "hợp tác xã chiếm 40,0% số chủ thể" in text
    assert "Huyện Cầu Kè (4)" in text
