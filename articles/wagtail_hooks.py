"""Admin registration: the medical library snippets and private consent records."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.whitelist import allow_without_attributes

from .admin_views import ReadOnlyPolicy, ReviewDuePanel, ReviewDueReportView, ReviewRecordViewSet
from .models import (
    ArticleIndexPage,
    CaseStoryConsent,
    CaseStoryIndexPage,
    Condition,
    GlossaryTerm,
    GuideIndexPage,
    Person,
    Reference,
    ReviewRecord,
    Topic,
    Treatment,
)


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = "References"
    list_display = ["__str__", "study_type", "verified"]
    list_filter = ["study_type", "verified"]
    search_fields = ["title", "authors"]


class ConditionViewSet(SnippetViewSet):
    model = Condition
    icon = "clipboard-list"
    list_display = ["name", "icd10_code", "icd11_code"]


class TreatmentViewSet(SnippetViewSet):
    model = Treatment
    icon = "pick"


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "info-circle"
    menu_label = "Glossary"
    list_display = ["term", "short_definition"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "role"]


class MedicalLibraryGroup(SnippetViewSetGroup):
    menu_label = "Medical library"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        ReferenceViewSet,
        ConditionViewSet,
        TreatmentViewSet,
        TopicViewSet,
        GlossaryTermViewSet,
        PersonViewSet,
    )


register_snippet(MedicalLibraryGroup)


class ConsentRecordViewSet(ModelViewSet):
    """Consent records live outside page revisions; only users granted its permissions see it."""

    model = CaseStoryConsent
    icon = "lock"
    menu_label = "Consent records"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "consent_obtained", "deidentification_confirmed", "withdrawn"]
    form_fields = [
        "case_story",
        "consent_obtained",
        "consent_date",
        "scope_includes_publication",
        "guardian_consent",
        "child_assent",
        "deidentification_confirmed",
        "withdrawn",
        "notes",
    ]


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return ConsentRecordViewSet("consent_records")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "articles.medical_review.published",
        "Published after medical review",
        "Published the medically approved revision",
    )
    actions.register_action(
        "articles.schedule.refused",
        "Scheduled publishing refused",
        "Scheduled publishing refused: the revision has not passed medical review",
    )
    actions.register_action(
        "articles.consent.withdrawn",
        "Consent withdrawn",
        "Consent withdrawn: unpublished",
    )
    actions.register_action(
        "articles.consent.erased",
        "Erased after consent withdrawal",
        "Erased: the story, its revisions and its frozen review content",
    )


register_permission_policy(ReviewRecord, ReadOnlyPolicy(ReviewRecord))


@hooks.register("register_admin_viewset")
def register_review_record_viewset():
    return ReviewRecordViewSet("review_records")


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/medical-review-due/", ReviewDueReportView.as_view(), name="medical_review_due"),
        path(
            "reports/medical-review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="medical_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem("Due for medical review", reverse("medical_review_due"), icon_name="warning", order=50)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())


@hooks.register("register_rich_text_features")
def register_db_html_rules_for_sup_and_sub(features) -> None:
    """Wagtail gives superscript and subscript editor rules only; without database-HTML rules its
    whitelister (used by `articles.rich_text` on save) would strip what the editor produced."""
    for feature, element in (("superscript", "sup"), ("subscript", "sub")):
        features.register_converter_rule(
            "editorhtml", feature, [WhitelistRule(element, allow_without_attributes)]
        )


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """On a new page Wagtail names the *parent's* workflow ("Submit to Moderators approval", from
    the root); the reviewed page types always start their own (`get_workflow()`), so say that."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        child_model = context["parent_page"].specific_class.clean_subpage_models()[0]
        workflow = child_model().get_workflow()
        if workflow is not None:
            context["label"] = f"Submit to {workflow.name}"
        return context


@hooks.register("construct_page_action_menu")
def name_the_review_workflow_on_new_pages(menu_items, request, context):
    if context.get("view") != "create":
        return
    if not isinstance(
        context["parent_page"].specific, (ArticleIndexPage, CaseStoryIndexPage, GuideIndexPage)
    ):
        return
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitForReviewMenuItem(order=item.order)
