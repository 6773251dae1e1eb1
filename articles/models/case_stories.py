"""Anonymised patient case stories (CARE checklist) and their private consent records."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from ..blocks import PARAGRAPH_FEATURES
from ..choices import MINOR_AGE_BANDS, AgeBand, CaseSource, Sex
from .mixins import (
    GatedPublishMixin,
    HeadlessPageMixin,
    ReviewedIndexMixin,
    UniqueSlugPerTypeMixin,
)
from .review import REVIEW_PANELS, ReviewedPageMixin
from .rich_text import SanitizedRichTextMixin


class CaseStoryIndexPage(ReviewedIndexMixin, HeadlessPageMixin, Page):
    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.CaseStoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "case story index"


class InterventionRoute(models.TextChoices):
    IV_INFUSION = "iv_infusion", "Intravenous infusion"
    IV_BOLUS = "iv_bolus", "Intravenous injection"
    INTRAMUSCULAR = "intramuscular", "Intramuscular injection"
    INTRANASAL = "intranasal", "Intranasal"
    ORAL = "oral", "Oral"
    OTHER = "other", "Other"


class CaseStoryPage(
    SanitizedRichTextMixin,
    GatedPublishMixin,
    UniqueSlugPerTypeMixin,
    HeadlessPageMixin,
    ReviewedPageMixin,
    Page,
):
    """One patient's course, structured after the CARE case-report checklist. Never identifying."""

    summary = models.TextField(max_length=400, help_text="One or two sentences for listings.")
    source = models.CharField(
        max_length=32,
        choices=CaseSource.choices,
        default=CaseSource.PUBLISHED_CASE_REPORT,
        help_text="A published case report needs its citation; a clinic patient needs a valid "
        "consent and de-identification record before the story can go live.",
    )
    source_reference = models.ForeignKey(
        "articles.Reference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_stories",
        help_text="The published case report this story summarises.",
    )
    source_needs_verification = models.BooleanField(
        default=False,
        help_text="Tick when the case could not be matched to its published source with "
        "certainty; the medical reviewer must then confirm it.",
    )

    # Patient (CARE items 3-4): bands and contexts only, never dates or names.
    age_band = models.CharField(
        max_length=8,
        choices=AgeBand.choices,
        help_text="An age band, never a birth date. Children and adolescents need guardian "
        "consent and the child's assent (clinic patients).",
    )
    sex = models.CharField(max_length=16, choices=Sex.choices, blank=True)
    context = models.CharField(
        max_length=200,
        blank=True,
        help_text="Relevant background without identifying detail, e.g. 'Military veteran'.",
    )
    conditions = ParentalManyToManyField(
        "articles.Condition",
        blank=True,
        related_name="case_stories",
        help_text="The primary diagnoses.",
    )
    comorbidities = ParentalManyToManyField(
        "articles.Condition", blank=True, related_name="comorbid_case_stories"
    )
    prior_treatments = ParentalManyToManyField(
        "articles.Treatment",
        blank=True,
        related_name="prior_case_stories",
        help_text="Treatments tried before the intervention.",
    )
    prior_treatments_note = models.TextField(
        blank=True, help_text="How the earlier treatments went, in a sentence or two."
    )

    # Intervention (CARE item 8).
    treatment = models.ForeignKey(
        "articles.Treatment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_stories",
        help_text="The treatment this story is about.",
    )
    # Not `route`: that name would shadow Wagtail's Page.route() and break URL routing.
    administration_route = models.CharField(
        "route of administration", max_length=16, choices=InterventionRoute.choices, blank=True
    )
    dose_descriptor = models.CharField(
        max_length=120, blank=True, help_text="e.g. 'Low-dose' or 'Single sub-anaesthetic dose'."
    )
    setting = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'Given during a surgical procedure'."
    )
    number_of_sessions = models.PositiveSmallIntegerField(null=True, blank=True)

    # Outcomes and follow-up (CARE items 9-10).
    time_to_effect = models.CharField(
        max_length=120, blank=True, help_text="e.g. 'Within a day of the first infusion'."
    )
    effect_duration_min_days = models.PositiveSmallIntegerField(null=True, blank=True)
    effect_duration_max_days = models.PositiveSmallIntegerField(null=True, blank=True)
    follow_up = models.TextField(blank=True)
    narrative = RichTextField(features=PARAGRAPH_FEATURES)
    patient_perspective = models.TextField(
        blank=True, help_text="Optional, in the patient's or family's words (with consent)."
    )
    linked_articles = ParentalManyToManyField(
        "articles.ArticlePage",
        blank=True,
        related_name="linked_case_stories",
        help_text="Articles that discuss the evidence behind this case.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("age_band"), FieldPanel("sex")]),
                FieldPanel("context"),
                FieldPanel("conditions"),
                FieldPanel("comorbidities"),
                FieldPanel("prior_treatments"),
                FieldPanel("prior_treatments_note"),
            ],
            heading="Patient",
        ),
        MultiFieldPanel(
            [
                FieldPanel("treatment"),
                FieldRowPanel([FieldPanel("administration_route"), FieldPanel("dose_descriptor")]),
                FieldPanel("setting"),
                FieldPanel("number_of_sessions"),
            ],
            heading="Intervention",
        ),
        MultiFieldPanel(
            [
                InlinePanel("outcomes", label="Outcome"),
                FieldPanel("time_to_effect"),
                FieldRowPanel(
                    [FieldPanel("effect_duration_min_days"), FieldPanel("effect_duration_max_days")]
                ),
                FieldPanel("follow_up"),
            ],
            heading="Outcomes",
        ),
        FieldPanel("narrative"),
        FieldPanel("patient_perspective"),
    ]
    evidence_panels = [
        FieldPanel("source"),
        FieldPanel("source_reference"),
        FieldPanel("source_needs_verification"),
        FieldPanel("linked_articles"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(evidence_panels, heading="Evidence"),
            ObjectList(REVIEW_PANELS, heading="Review"),
            ObjectList(Page.promote_panels, heading="Promote"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("narrative"),
        index.SearchField("context"),
    ]
    parent_page_types = ["articles.CaseStoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "case story"
        verbose_name_plural = "case stories"

    def clean(self) -> None:
        super().clean()
        low, high = self.effect_duration_min_days, self.effect_duration_max_days
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"effect_duration_max_days": "The longest duration cannot be shorter than the shortest."}
            )

    @property
    def is_minor(self) -> bool:
        return self.age_band in MINOR_AGE_BANDS

    def publish_blockers(self, revision: Revision) -> list[str]:
        story = revision.as_object()
        blockers = super().publish_blockers(revision)
        if story.source == CaseSource.CLINIC_PATIENT:
            record = CaseStoryConsent.objects.filter(case_story_id=self.pk).first()
            problems = record.problems(story) if record else ["no consent record exists"]
            if problems:
                blockers.append(
                    "A clinic-patient case story cannot be published without valid consent: "
                    + "; ".join(problems)
                    + "."
                )
        elif not story.source_reference_id:
            blockers.append("A published case report must cite its source reference.")
        return blockers


class CaseOutcome(Orderable):
    page = ParentalKey(CaseStoryPage, on_delete=models.CASCADE, related_name="outcomes")
    domain = models.CharField(
        max_length=120, help_text="Symptom domain, e.g. 'Sleep' or 'Intrusive thoughts'."
    )
    change = models.CharField(max_length=300, help_text="What changed, e.g. 'Slept through the night'.")

    panels = [FieldPanel("domain"), FieldPanel("change")]


class CaseStoryConsent(models.Model):
    """Consent and de-identification for a clinic patient's story.

    Deliberately outside page revisions (editing it never creates a draft) and never serialised
    by any public API.
    """

    case_story = models.OneToOneField(CaseStoryPage, on_delete=models.CASCADE, related_name="consent_record")
    consent_obtained = models.BooleanField(default=False)
    consent_date = models.DateField(null=True, blank=True)
    scope_includes_publication = models.BooleanField(
        default=False, help_text="The signed scope covers publication online, anonymised."
    )
    guardian_consent = models.BooleanField(default=False, help_text="Required when the patient is a minor.")
    child_assent = models.BooleanField(
        default=False, help_text="The child's own agreement; required for minors."
    )
    deidentification_confirmed = models.BooleanField(
        default=False,
        help_text="Names, dates, places and other identifiers have been removed or altered.",
    )
    withdrawn = models.BooleanField(
        default=False,
        help_text=(
            "Withdrawing consent takes the story offline at once and then erases it: the page, its "
            "versions and its frozen review content are deleted; only the audit log keeps the fact."
        ),
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True, help_text="Where the signed form is filed (not the form).")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("case_story"),
        FieldRowPanel([FieldPanel("consent_obtained"), FieldPanel("consent_date")]),
        FieldPanel("scope_includes_publication"),
        FieldRowPanel([FieldPanel("guardian_consent"), FieldPanel("child_assent")]),
        FieldPanel("deidentification_confirmed"),
        FieldPanel("withdrawn"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = "consent and de-identification record"

    def __str__(self) -> str:
        return f"Consent for {self.case_story.title}"

    def problems(self, story: CaseStoryPage) -> list[str]:
        """What is missing for `story` to be published; empty when consent is valid."""
        problems = []
        if self.withdrawn:
            problems.append("consent has been withdrawn")
        if not self.consent_obtained or not self.consent_date:
            problems.append("consent and its date are not recorded")
        if not self.scope_includes_publication:
            problems.append("the consent scope does not include publication")
        if story.is_minor and not (self.guardian_consent and self.child_assent):
            problems.append("a minor needs a guardian's consent and the child's assent")
        if not self.deidentification_confirmed:
            problems.append("de-identification is not confirmed")
        return problems
