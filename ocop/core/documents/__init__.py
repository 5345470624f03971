"""Document generation shared by the apps: administrative DOCX (NĐ 30/2020/NĐ-CP), PDF through
WeasyPrint, QR codes. Imports no other ocop app; the apps turn their records into the frozen
dataclasses and contexts these modules take."""
