from django.db import migrations, models


class Migration(migrations.Migration):
    """`route` shadowed Wagtail's Page.route(), so every case-story URL raised a TypeError."""

    dependencies = [
        ("articles", "0003_roles_and_review_workflow"),
    ]

    operations = [
        migrations.RenameField(
            model_name="casestorypage", old_name="route", new_name="administration_route"
        ),
        migrations.AlterField(
            model_name="casestorypage",
            name="administration_route",
            field=models.CharField(
                blank=True,
                choices=[
                    ("iv_infusion", "Intravenous infusion"),
                    ("iv_bolus", "Intravenous injection"),
                    ("intramuscular", "Intramuscular injection"),
                    ("intranasal", "Intranasal"),
                    ("oral", "Oral"),
                    ("other", "Other"),
                ],
                max_length=16,
                verbose_name="route of administration",
            ),
        ),
    ]
