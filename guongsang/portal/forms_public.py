"""The forms of the public pages: a comment and a report of an error (phản ánh).

Both carry a honeypot field, `website`, hidden from people by the stylesheet and left empty by
them; robots that fill every field in are answered as if they succeeded and kept nowhere.
"""

from django import forms
from django.utils.translation import gettext_lazy

from guongsang.stories.services import public as services


class _HoneypotForm(forms.Form):
    """`website` is hidden from people (CSS) and left empty by them; robots fill it in."""

    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class CommentForm(_HoneypotForm):
    author_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=services.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=gettext_lazy("E-mail or phone (not published)"),
        required=False,
        max_length=services.CONTACT_MAX_LENGTH,
    )
    text = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=services.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    field_order = ["author_name", "contact", "text", "website"]


class ReportForm(_HoneypotForm):
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=services.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=gettext_lazy("E-mail or phone, so the editors can answer (not published)"),
        max_length=services.CONTACT_MAX_LENGTH,
    )
    text = forms.CharField(
        label=gettext_lazy("What is wrong or exaggerated, and what is right"),
        max_length=services.REPORT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    field_order = ["name", "contact", "text", "website"]
