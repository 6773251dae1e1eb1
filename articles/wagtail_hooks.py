"""Admin registration: the medical library snippets and private consent records."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CaseStoryConsent, Condition, GlossaryTerm, Person, Reference, Topic, Treatment


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
        "articles.consent.withdrawn",
        "Consent withdrawn",
        "Consent withdrawn: unpublished",
    )
