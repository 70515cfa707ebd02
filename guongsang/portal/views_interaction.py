"""What the public sends from a story's or an exemplar's page: a comment (held for moderation),
a report of an error (phản ánh, sent to the editors) and a reaction to a story.

A form with errors renders the page again with what was typed; a sender who sends too much
too quickly gets the page back with status 429 and nothing is lost from what they wrote.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guongsang.common.errors import DomainError
from guongsang.portal import views_detail
from guongsang.portal.forms_public import CommentForm, ReportForm
from guongsang.stories.enums import ReactionKind
from guongsang.stories.services import public as services

REACTIONS_KEPT = 200  # the cookie remembers this many (story, kind) pairs, newest last
REACTIONS_MAX_AGE = 365 * 24 * 60 * 60


def _client_key(request) -> str:
    return services.client_key_of(request.META.get("REMOTE_ADDR"))


def _submit(request, target, *, form_class, submit, render, form_name, thanks, url):
    form = form_class(request.POST, prefix=form_name)
    status = 400
    if form.is_valid():
        if form.is_robot():  # answered as a success, kept nowhere
            messages.success(request, thanks)
            return redirect(url)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            submit(target=target, client_key=_client_key(request), **data)
        except services.RateLimited as error:
            form.add_error(None, error.message)
            status = 429
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, thanks)
            return redirect(url)
    return render(request, target, status=status, **{f"{form_name}_form": form})


_COMMENT_THANKS = gettext_lazy(
    "Thank you: your comment is received and will be shown once a moderator has read it."
)
_REPORT_THANKS = gettext_lazy(
    "Thank you: your report is sent to the editors, who will check it and answer you."
)


@require_POST
def story_comment(request, pk):
    story = views_detail.public_story_or_404(pk)
    url = reverse("portal:story_detail", kwargs={"pk": pk}) + "#comments"
    return _submit(
        request, story, form_class=CommentForm, submit=services.comment_submit,
        render=views_detail.render_story, form_name="comment", thanks=_COMMENT_THANKS, url=url,
    )  # fmt: skip


@require_POST
def story_report(request, pk):
    story = views_detail.public_story_or_404(pk)
    url = reverse("portal:story_detail", kwargs={"pk": pk}) + "#report"
    return _submit(
        request, story, form_class=ReportForm, submit=services.report_submit,
        render=views_detail.render_story, form_name="report", thanks=_REPORT_THANKS, url=url,
    )  # fmt: skip


@require_POST
def profile_comment(request, pk):
    profile = views_detail.public_profile_or_404(pk)
    url = reverse("portal:profile_detail", kwargs={"pk": pk}) + "#comments"
    return _submit(
        request, profile, form_class=CommentForm, submit=services.comment_submit,
        render=views_detail.render_profile, form_name="comment", thanks=_COMMENT_THANKS, url=url,
    )  # fmt: skip


@require_POST
def profile_report(request, pk):
    profile = views_detail.public_profile_or_404(pk)
    url = reverse("portal:profile_detail", kwargs={"pk": pk}) + "#report"
    return _submit(
        request, profile, form_class=ReportForm, submit=services.report_submit,
        render=views_detail.render_profile, form_name="report", thanks=_REPORT_THANKS, url=url,
    )  # fmt: skip


@require_POST
def story_react(request, pk):
    """One reaction of each kind per browser and story, remembered in a signed cookie."""
    story = views_detail.public_story_or_404(pk)
    kind = request.POST.get("kind", "")
    url = reverse("portal:story_detail", kwargs={"pk": story.pk}) + "#reactions"
    if kind not in ReactionKind.values:
        messages.error(request, _("Unknown reaction."))
        return redirect(url)
    entries = views_detail.reacted_entries(request)
    entry = f"{story.pk}:{kind}"
    if entry in entries:
        messages.info(request, _("You have already reacted this way to this story."))
        return redirect(url)
    services.reaction_add(story=story, kind=kind)
    messages.success(request, _("Thank you for your reaction."))
    response = redirect(url)
    kept = [*entries, entry][-REACTIONS_KEPT:]
    response.set_signed_cookie(
        views_detail.REACTIONS_COOKIE, ",".join(kept), salt=views_detail.REACTIONS_SALT,
        max_age=REACTIONS_MAX_AGE, httponly=True, samesite="Lax",
        secure=request.is_secure(),
    )  # fmt: skip
    return response
