from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierKind(models.TextChoices):
    """QĐ 26/2026 Điều 6.1.a–c: the three variants of the producer's dossier."""

    FIRST = "first", _("First time")
    UPGRADE = "upgrade", _("Upgrade")
    RERATING = "rerating", _("Re-rating")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (being prepared)")
    SUBMITTED = "submitted", _("Filed with the commune")
    COMMUNE_REVIEW = "commune_review", _("Received by the commune")
    RETURNED_BY_COMMUNE = "returned_by_commune", _("Returned by the commune for supplementation")
    FORWARDED = "forwarded", _("Forwarded to the province")
    RETURNED_BY_PROVINCE = "returned_by_province", _("Returned by the province for supplementation")
    IN_ROUND = "in_round", _("Accepted into a provincial round")
    # After the council (QĐ 26/2026 Điều 7.3.d–e, 7.4.g).
    DECIDED = "decided", _("Recognised by decision")
    NOT_RECOGNISED = "not_recognised", _("Not recognised (below 3 stars)")
    AT_MINISTRY = "at_ministry", _("Sent to the ministry (90 points or more)")
    EVALUATE_AGAIN = "evaluate_again", _("To be evaluated again")


class DossierAction(models.TextChoices):
    SUBMIT = "submit", _("submit")
    RECEIVE = "receive", _("receive")
    RETURN = "return", _("return for supplementation")
    RESUBMIT = "resubmit", _("resubmit")
    FORWARD = "forward", _("forward to the province")
    ASSIGN = "assign", _("assign to a round")
    DECIDE = "decide", _("record the decision")
    NOT_RECOGNISE = "not_recognise", _("close as not recognised")
    SEND_TO_MINISTRY = "send_to_ministry", _("send to the ministry")
    EVALUATE_AGAIN = "evaluate_again", _("evaluate again")


class EventKind(models.TextChoices):
    CREATED = "created", _("Dossier created")
    DOCUMENT_ADDED = "document_added", _("Document added")
    DOCUMENTS_CARRIED = "documents_carried", _("Still-valid documents carried forward")
    SUBMITTED = "submitted", _("Filed with the commune")
    RECEIVED = "received", _("Received by the commune")
    SERIAL_ASSIGNED = "serial_assigned", _("Product serial assigned")
    RETURNED = "returned", _("Returned for supplementation")
    ITEM_ANSWERED = "item_answered", _("Item answered")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ASSESSED = "assessed", _("Assessed by the commune (Mẫu 03)")
    FORWARDED = "forwarded", _("Forwarded to the province")
    PROVINCE_RECEIVED = "province_received", _("Received by the province")
    ASSIGNED = "assigned", _("Assigned to a round")
    RECUSED = "recused", _("Council member recused")
    SCORECARD_SIGNED = "scorecard_signed", _("Scorecard signed")
    ALL_SIGNED = "all_signed", _("All council scorecards signed")
    RESCORE_OPENED = "rescore_opened", _("Re-score after discussion")
    COUNCIL_CLOSED = "council_closed", _("Council scoring closed")
    SCORING_FLAGS = "scoring_flags", _("Elimination, halt or disqualification recorded")
    SITE_VISITED = "site_visited", _("Production site inspected by the advisory team")
    LAB_TEST = "lab_test", _("Extra lab test ordered or its result recorded")
    ADVISORY_REPORTED = "advisory_reported", _("Advisory team reported to the council chair")
    OPINION_RECORDED = "opinion_recorded", _("Written opinion recorded")
    MEETING_REQUIRED = "meeting_required", _("Opinions diverge: the council meets")
    PROPOSED = "proposed", _("Proposed by the council")
    DECISION_RECORDED = "decision_recorded", _("Decision recorded")
    SENT_TO_MINISTRY = "sent_to_ministry", _("Sent to the ministry")
    NATIONAL_RESULT = "national_result", _("Result of the national level recorded")


class DocumentKind(models.TextChoices):
    """Evidence listed in QĐ 26/2026 Phụ lục III, Mẫu số 02 Phần III."""

    BUSINESS_REGISTRATION = "business_registration", _("Business registration")
    PRODUCTION_CONDITIONS = "production_conditions", _("Production-conditions certificate")
    FOOD_SAFETY = "food_safety", _("Food-safety certificate")
    QUALITY_DECLARATION = "quality_declaration", _("Quality declaration")
    LAB_TEST = "lab_test", _("Lab test report")
    TRADEMARK = "trademark", _("Trademark / geographical-indication papers")
    RAW_MATERIAL_CONTRACT = "raw_material_contract", _("Raw-material or linkage contract")
    DISTRIBUTION_CONTRACT = "distribution_contract", _("Distribution contract or invoices")
    ENVIRONMENT = "environment", _("Environmental dossier")
    INSURED_WORKERS = "insured_workers", _("Insured-worker list with residence")
    FINANCIAL_STATEMENTS = "financial_statements", _("Financial statements (two years)")
    BARCODE = "barcode", _("Barcode / traceability stamps")
    QMS = "qms", _("Quality-management-system certificate")
    STORY = "story", _("Product story materials")
    PROMOTION = "promotion", _("Promotion evidence")
    AWARD = "award", _("Awards")
    OTHER = "other", _("Other")


class ReturnLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province")


class ItemTarget(models.TextChoices):
    """What a return-for-supplementation item is about (issue 9 item 6)."""

    MISSING_DOCUMENT = "missing_document", _("A missing document")
    DOCUMENT = "document", _("A document of the dossier")
    CRITERION = "criterion", _("A criterion's evidence")
    REGISTRATION = "registration", _("The registration form (Mẫu 01)")
    OTHER = "other", _("Other")


class CounterKind(models.TextChoices):
    COMMUNE_RECEIPT = "commune_receipt", _("Commune receipt number")
    PROVINCE_RECEIPT = "province_receipt", _("Province receipt number")
    PRODUCT_SERIAL = "product_serial", _("Product serial (STT) in the commune")
