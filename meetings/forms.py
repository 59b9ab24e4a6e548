"""Forms at the edge: the article upload and the admin's session form."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst

from meetings.ingestion.facts import HAND_FIELDS
from meetings.models import Delegation, Session

ALLOWED_EXTENSIONS = (".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and cleans each one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned = []
        for item in files:
            cleaned.append(super().clean(item, initial))
        return cleaned


class NameListField(forms.CharField):
    """Other names as a person edits them: one name a line, not a JSON list. Blank
    lines and repeats are dropped."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def __init__(self, *args, encoder=None, decoder=None, **kwargs):
        # Offered by the model's JSONField; a list of lines needs neither.
        kwargs.setdefault("help_text", "One name a line: every other name the articles use for it.")
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        lines = (line.strip() for line in (value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


class ArticleUploadForm(forms.Form):
    """Article files to ingest: each of an accepted type and within the size limit."""

    files = MultipleFileField(label="Article files")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            f"One or more files of type {', '.join(ALLOWED_EXTENSIONS)}; "
            f"at most {filesizeformat(self.max_bytes)} each. "
            "Feeds and JSON Lines files may hold many articles."
        )
        self.fields["files"].widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)

    @property
    def max_bytes(self) -> int:
        return settings.MEETINGS_MAX_ARTICLE_BYTES

    def clean_files(self):
        files = self.cleaned_data["files"]
        errors = []
        for upload in files:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in ALLOWED_EXTENSIONS:
                errors.append(
                    forms.ValidationError(
                        "%(name)s: files of type %(suffix)s are not accepted.",
                        code="extension",
                        params={"name": upload.name, "suffix": suffix or "(none)"},
                    )
                )
            elif upload.size > self.max_bytes:
                errors.append(
                    forms.ValidationError(
                        "%(name)s: %(size)s is over the limit of %(limit)s.",
                        code="size",
                        params={
                            "name": upload.name,
                            "size": filesizeformat(upload.size),
                            "limit": filesizeformat(self.max_bytes),
                        },
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return files


def describe_manual_field(value: str) -> str:
    """A label for an entry of Session.manual_fields: "delegation.PAK.head" reads "Head of
    the PAK delegation"."""
    parts = value.split(".")
    if len(parts) == 3 and parts[0] == "delegation":
        return f"{capfirst(parts[2])} of the {parts[1]} delegation"
    return value


class SessionAdminForm(forms.ModelForm):
    """The admin's session form: manual_fields as checkboxes, so that a person can hand
    a fact back to ingestion by unticking it."""

    manual_fields = forms.MultipleChoiceField(
        choices=[
            (name, capfirst(Session._meta.get_field(name).verbose_name)) for name in HAND_FIELDS
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Corrected by hand",
        help_text="Ingestion never overwrites these facts. Facts you change here are "
        "ticked when you save.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Facts of a delegation ("delegation.PAK.head") get a box of their own, so that
        # saving the form keeps them.
        field = self.fields["manual_fields"]
        known = {value for value, _label in field.choices}
        field.choices = [
            *field.choices,
            *(
                (value, describe_manual_field(value))
                for value in (self.instance.manual_fields or [])
                if value not in known
            ),
        ]

    class Meta:
        model = Session
        fields = (
            "series",
            *HAND_FIELDS,
            "manual_fields",
        )


class DelegationAdminForm(forms.ModelForm):
    """A delegation is one side: a state or an organisation, never both or neither."""

    class Meta:
        model = Delegation
        fields = ("country", "organization", "head", "head_title", "members")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("country")) == bool(cleaned.get("organization")):
            # On the field, so that the database constraint saying the same is not
            # reported a second time.
            self.add_error("country", "Give either a country or an organisation.")
        return cleaned
