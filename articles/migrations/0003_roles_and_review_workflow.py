"""Roles (Writers, Editors, Medical reviewers, Administrators) and the default review workflow.

Frozen here on purpose: a data migration must not import application code that may change.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "Editorial and medical review"

LIBRARY = ["reference", "topic", "condition", "treatment", "glossaryterm", "person"]


def _codenames(actions, models):
    return [f"{action}_{model}" for action in actions for model in models]


ROLES = {
    "Writers": {
        "page": ["add_page", "change_page"],
        "collection": [
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ],
        "model": [("articles", c) for c in _codenames(["add", "change", "view"], LIBRARY)],
    },
    "Editors": {
        "page": ["add_page", "change_page", "lock_page", "unlock_page"],
        "collection": [
            "add_image",
            "change_image",
            "delete_image",
            "choose_image",
            "add_document",
            "change_document",
            "delete_document",
            "choose_document",
        ],
        "model": [("articles", c) for c in _codenames(["add", "change", "delete", "view"], LIBRARY)]
        + [("articles", c) for c in _codenames(["add", "change", "view"], ["casestoryconsent"])]
        + [("articles", "view_reviewrecord")],
    },
    "Medical reviewers": {
        "page": [],
        "collection": ["choose_image", "choose_document"],
        "model": [("articles", c) for c in _codenames(["view"], LIBRARY)]
        + [("articles", c) for c in _codenames(["change", "view"], ["casestoryconsent"])]
        + [("articles", "view_reviewrecord")],
    },
    "Administrators": {
        "page": ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
        "collection": [
            "add_image",
            "change_image",
            "delete_image",
            "choose_image",
            "add_document",
            "change_document",
            "delete_document",
            "choose_document",
        ],
        "model": [("articles", c) for c in _codenames(["add", "change", "delete", "view"], LIBRARY)]
        + [("articles", c) for c in _codenames(["add", "change", "delete", "view"], ["casestoryconsent"])]
        + [
            ("articles", "view_reviewrecord"),
            ("articles", "change_safetysettings"),
            ("wagtailcore", "add_workflow"),
            ("wagtailcore", "change_workflow"),
            ("wagtailcore", "add_task"),
            ("wagtailcore", "change_task"),
            ("wagtailredirects", "add_redirect"),
            ("wagtailredirects", "change_redirect"),
            ("wagtailredirects", "delete_redirect"),
            ("auth", "add_user"),
            ("auth", "change_user"),
            ("auth", "view_user"),
        ],
    },
}


def create_roles_and_workflow(apps, schema_editor):
    # Permissions are normally created after migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {}
    for name, spec in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(perm("wagtailadmin", "access_admin"))
        for app_label, codename in spec["model"]:
            group.permissions.add(perm(app_label, codename))
        if root_page is not None:
            GroupPagePermission.objects.filter(group=group).delete()
            for codename in spec["page"]:
                GroupPagePermission.objects.create(
                    group=group, page=root_page, permission=perm("wagtailcore", codename)
                )
        if root_collection is not None:
            GroupCollectionPermission.objects.filter(group=group).delete()
            for codename in spec["collection"]:
                app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=perm(app_label, codename)
                )

    # Wagtail's own "Moderators" group may publish anything: nobody publishes unreviewed content.
    GroupPagePermission.objects.filter(group__name="Moderators", permission__codename="publish_page").delete()

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    MedicalReviewTask = apps.get_model("articles", "MedicalReviewTask")

    editorial, _ = GroupApprovalTask.objects.get_or_create(
        name="Editorial review",
        defaults={
            "content_type": ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0]
        },
    )
    editorial.groups.set([groups["Editors"]])
    medical, _ = MedicalReviewTask.objects.get_or_create(
        name="Medical review",
        defaults={
            "content_type": ContentType.objects.get_or_create(
                app_label="articles", model="medicalreviewtask"
            )[0]
        },
    )
    medical.groups.set([groups["Medical reviewers"]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, task in enumerate([editorial, medical]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_medical_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "__latest__"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
