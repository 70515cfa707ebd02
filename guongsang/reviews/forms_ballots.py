"""Forms of the secret-ballot pages: a vote, attendance, paper count-in, written opinions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.reviews.enums import Choice


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices)


class AttendanceForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    present = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("1", _("Present")), ("0", _("Absent"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class PaperCountForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members who voted on paper"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.IntegerField(label=_("Agree"), min_value=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda seat: seat.person.full_name

    def clean(self):
        data = super().clean()
        voters = data.get("members")
        agree, disagree = data.get("agree"), data.get("disagree")
        complete = None not in (voters, agree, disagree)
        if complete and agree + disagree != len(voters):
            raise forms.ValidationError(
                _(
                    "The counts (%(counted)s) must equal the number of members who voted "
                    "on paper (%(voters)s)."
                ),
                params={"counted": agree + disagree, "voters": len(voters)},
            )
        return data


class WrittenOpinionForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Candidate"), queryset=None)
    member = forms.ModelChoiceField(label=_("Absent member"), queryset=None)
    choice = forms.ChoiceField(label=_("Opinion"), choices=Choice.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, candidates, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda seat: seat.person.full_name
