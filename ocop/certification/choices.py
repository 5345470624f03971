"""Choices of the certificates register (QĐ 26/2026/QĐ-TTg Điều 4, 8, 12; QĐ 148, QĐ 1048)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DecisionKind(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition")
    # QĐ 26/2026 Điều 6.3.a, 7.3.e: a product scoring ≥ 90 gets the provincial chairman's
    # approval of its result and goes to the ministry — no certificate.
    RESULT_APPROVAL = "result_approval", _("Result approval (≥ 90 points)")
    REVOCATION = "revocation", _("Revocation")


class CertificateStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate status", "Valid")
    EXPIRING = "expiring", pgettext_lazy("certificate status", "Expiring")
    EXPIRED = "expired", pgettext_lazy("certificate status", "Expired")
    REVOKED = "revoked", pgettext_lazy("certificate status", "Revoked")
    SUPERSEDED = "superseded", pgettext_lazy("certificate status", "Superseded")
    EXTENDED = "extended", pgettext_lazy("certificate status", "Extended")
    UNKNOWN = "unknown", pgettext_lazy("certificate status", "Unknown")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    PERIOD = "period", _("Period")
    UNKNOWN = "unknown", _("Unknown")


class Edition(models.TextChoices):
    """The criteria set a product was rated against."""

    QD_1048_2019 = "1048-2019", _("QĐ 1048/QĐ-TTg (2019)")
    QD_148_2023 = "148-2023", _("QĐ 148/QĐ-TTg (2023)")
    QD_26_2026 = "26-2026", _("QĐ 26/2026/QĐ-TTg")


class Process(models.TextChoices):
    """The evaluation process a product was rated under (who rates, what ≥ 90 gives)."""

    QD_1048_2019 = "1048-2019", _("QĐ 1048/QĐ-TTg (district, province, central)")
    QD_148_2023 = "148-2023", _("QĐ 148/QĐ-TTg (district, province, central)")
    QD_1489_2025 = "1489-2025", _("QĐ 1489/QĐ-TTg (commune, province, central)")
    QD_26_2026 = "26-2026", _("QĐ 26/2026/QĐ-TTg (commune, province, central)")


class RatingKind(models.TextChoices):
    FIRST = "first", _("New")
    UPGRADE = "upgrade", _("Upgrade")
    RERATING = "rerating", _("Re-rating")


class RevocationGround(models.TextChoices):
    """QĐ 26/2026/QĐ-TTg Điều 8.1."""

    A = "a", _("a) Untruthful information or forged dossier")
    B = "b", _("b) No longer meets the criteria (inspection conclusion)")
    C = "c", _("c) Breach of quality, food safety, environment, IP or labelling law")
    D = "d", _("d) Improper use of the OCOP mark")
    DD = "dd", _("đ) The producer no longer makes the product")
    E = "e", _("e) Other case concluded by a competent authority")


class ValidUntilSource(models.TextChoices):
    COMPUTED = "computed", _("Computed (36 months)")
    PRINTED = "printed", _("As printed / imported")


class EventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    RECORDED = "recorded", _("Recorded (legacy)")
    SUPERSEDED = "superseded", _("Superseded")
    REVOKED = "revoked", _("Revoked")
    RERATING_FILED = "rerating_filed", _("Re-rating dossier filed")
    REMINDER = "reminder", _("Reminder sent")
