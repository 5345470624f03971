"""Command-line office tools: LibreOffice headless (DOCX → PDF) and poppler (PDF → text).

Used by the tests marked ``office`` to check what a reader of the document sees, and available to
the apps (e.g. a PDF copy of a DOCX decision). Both need the Debian packages that
``make install`` brings (libreoffice-writer-nogui, poppler-utils).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["docx_to_pdf", "pdf_text"]


def pdf_text(pdf: bytes, workdir: Path | str) -> str:
    """The text of a PDF as poppler's ``pdftotext`` reads it (UTF-8, layout kept)."""
    Path(workdir).mkdir(parents=True, exist_ok=True)
    path = Path(workdir) / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def docx_to_pdf(docx: bytes, workdir: Path | str) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice headless, in a private profile.

    The profile under ``workdir`` (``-env:UserInstallation``) keeps parallel runs from clashing
    over LibreOffice's default profile and its lock file.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "document.docx"
    source.write_bytes(docx)
    out = workdir / "out"
    out.mkdir(exist_ok=True)
    subprocess.run(  # noqa: S603 - fixed arguments, files we wrote
        [  # noqa: S607
            "soffice",
            f"-env:UserInstallation={(workdir / 'lo').resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return (out / "document.pdf").read_bytes()
