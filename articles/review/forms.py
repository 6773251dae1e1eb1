"""The medical reviewer's forms: a checklist to approve, a required comment to request changes."""

from django import forms

CHECKLIST_FIELDS = (
    "claims_sourced",
    "dosage_and_safety_accurate",
    "disclaimer_present",
    "consent_and_deidentification",
)


class MedicalApprovalForm(forms.Form):
    claims_sourced = forms.BooleanField(
        label="Every claim and statistic is supported by a cited source",
        error_messages={"required": "Confirm that every claim and statistic is sourced."},
    )
    dosage_and_safety_accurate = forms.BooleanField(
        label="Dosage and safety statements are accurate",
        error_messages={"required": "Confirm that dosage and safety statements are accurate."},
    )
    disclaimer_present = forms.BooleanField(
        label="The medical disclaimer is present",
        error_messages={"required": "Confirm that the medical disclaimer is present."},
    )
    consent_and_deidentification = forms.BooleanField(
        required=False,
        label="Case stories: consent is verified and the text is de-identified",
        help_text="Required for case stories.",
    )
    acknowledgement = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note on warnings",
        help_text="Required when the pre-review checks list warnings (e.g. unverified "
        "references): say why the content may go live regardless.",
    )
    comment = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Comment (optional)"
    )


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What needs to change",
        error_messages={"required": "Say what needs to change: the writer sees this comment."},
    )
