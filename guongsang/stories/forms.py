"""Forms of the editors' pages. They parse and validate input; the services clean and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs import scope
from guongsang.orgs.forms import UnitChoiceField, units_in_scope
from guongsang.orgs.selectors import search_filter
from guongsang.plans.models import Field, Movement
from guongsang.stories.enums import ProfileStatus, ReportStatus, StoryStatus
from guongsang.stories.html import BODY_HELP
from guongsang.stories.models import Section
from guongsang.stories.rules import EDITOR_ROLES
from guongsang.stories.selectors_editor import exemplar_choices, sections_all

DATETIME_PLACEHOLDER = "dd/mm/yyyy hh:mm"
# A story's exemplar list shows at most this many options; the "Find" button narrows it.
EXEMPLAR_CHOICES_SHOWN = 200


def datetime_field(label, *, required: bool = False, help_text="") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"placeholder": DATETIME_PLACEHOLDER}),
    )


class ExemplarsField(forms.ModelMultipleChoiceField):
    """Validates against every exemplar in scope but renders only the selected ones and those
    a search found (a province has thousands)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.subject_name} — {obj.unit_name} ({obj.year})"

    def limit_shown(self, query: str, selected) -> None:
        selected = [int(pk) for pk in selected or [] if str(pk).isdigit()]
        chosen = list(self.queryset.filter(pk__in=selected))
        found = list(
            self.queryset.exclude(pk__in=selected).filter(search_filter(query))[
                :EXEMPLAR_CHOICES_SHOWN
            ]
        )
        self.widget.choices = [(e.pk, self.label_from_instance(e)) for e in chosen + found]


class StoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + StoryStatus.choices, required=False
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label=_("All")
    )
    unit = UnitChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("All")
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_all()
        self.fields["unit"].queryset = units_in_scope(user, scope.READ_ROLES)


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Story title"), max_length=500)
    lead = forms.CharField(
        label=_("Lead"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences shown under the title and in shared links."),
    )
    body = forms.CharField(
        label=_("Body"), required=False, widget=forms.Textarea(attrs={"rows": 18}),
        help_text=BODY_HELP,
    )  # fmt: skip
    section = forms.ModelChoiceField(label=_("Section"), queryset=None, required=False)
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    exemplar_query = forms.CharField(
        label=_("Find exemplars"),
        required=False,
        help_text=_("Type part of a name, then press “Find exemplars”: nothing is saved yet."),
    )
    exemplars = ExemplarsField(label=_("Exemplars in this story"), queryset=None, required=False)
    publish_at = datetime_field(
        _("Publish at"),
        help_text=_("dd/mm/yyyy hh:mm. Empty: published as soon as it is approved."),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_all().filter(is_active=True)
        self.fields["unit"].queryset = units_in_scope(user, EDITOR_ROLES)
        exemplars = self.fields["exemplars"]
        exemplars.queryset = exemplar_choices(user=user)
        if self.is_bound:
            query = self.data.get("exemplar_query", "")
            selected = self.data.getlist("exemplars")
        else:
            query = ""
            selected = [getattr(e, "pk", e) for e in self.initial.get("exemplars", [])]
        exemplars.limit_shown(query, selected)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("exemplar_query", None)
        data["exemplars"] = list(data.get("exemplars") or [])
        return data


class ScheduleForm(forms.Form):
    publish_at = datetime_field(
        _("Publish at"),
        help_text=_("dd/mm/yyyy hh:mm. Empty: as soon as it is approved."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back to draft"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The author is told. A published story leaves the portal until approved again."
        ),
    )


class ArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG or WebP, at most 10 MB. It is resized, and its hidden data (camera, "
            "place, date) removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt = forms.CharField(
        label=_("Description for screen readers"),
        max_length=255,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    position = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=32767, required=False,
        help_text=_("Empty: after the others."),
    )  # fmt: skip


class ImageEditForm(forms.Form):
    alt = forms.CharField(label=_("Description for screen readers"), max_length=255)
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767)


class ProfileFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Profile"),
        choices=[("", _("All")), ("none", _("No profile yet"))] + ProfileStatus.choices,
        required=False,
    )


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=500, required=False)
    public_summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; a blank line starts a new paragraph. Say only what is proven."),
    )
    video_urls = forms.CharField(
        label=_("Video links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One link per line (http:// or https://)."),
    )


class ConsentForm(forms.Form):
    given = forms.BooleanField(
        label=_("The person (or household) agreed to the publication of their personal data"),
        required=False,
    )
    note = forms.CharField(
        label=_("How consent was given"),
        max_length=500,
        required=False,
        help_text=_("e.g. “signed form of 12/03/2025, kept by the unit”. Required when given."),
    )

    def clean(self):
        data = super().clean()
        if data.get("given") and not (data.get("note") or "").strip():
            self.add_error("note", _("Say how consent was given."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class SectionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=100,
        required=False,
        help_text=_("Letters, digits and hyphens. Empty: made from the name."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field = forms.ModelChoiceField(label=_("Field"), queryset=Field.objects.none(), required=False)
    movement = forms.ModelChoiceField(
        label=_("Movement"), queryset=Movement.objects.none(), required=False
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("Shown on the portal"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(is_active=True).order_by("name_sort")
        self.fields["movement"].queryset = Movement.objects.order_by("name")


class ReportAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ReportStatus.CORRECTED.value, _("Corrected: the content was changed")),
                 (ReportStatus.DISMISSED.value, _("Dismissed: the content stands"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    answer = forms.CharField(
        label=_("Answer to the sender"), widget=forms.Textarea(attrs={"rows": 5})
    )
