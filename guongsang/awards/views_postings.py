"""Public postings: the public list and page with its comment form; staff create and moderate."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.awards import services
from guongsang.awards.models import PostingComment, PublicPosting
from guongsang.awards.services.postings import COMMENT_MAX_LENGTH
from guongsang.common.errors import DomainError
from guongsang.exemplars.models import Exemplar
from guongsang.titles.models import Title


class PostingCreateForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Posted from (dd/mm/yyyy)"))


class PostingCommentForm(forms.Form):
    author_name = forms.CharField(label=gettext_lazy("Your name"), max_length=255)
    contact = forms.CharField(label=gettext_lazy("E-mail or phone"), max_length=255, required=False)
    text = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea, max_length=COMMENT_MAX_LENGTH
    )


def _posting(pk) -> PublicPosting:
    return get_object_or_404(
        PublicPosting.objects.select_related("candidate_exemplar", "title"), pk=pk
    )


@require_GET
def posting_list(request):
    today = timezone.localdate()
    postings = (
        PublicPosting.objects.filter(start__lte=today, end__gte=today)
        .select_related("candidate_exemplar", "title")
        .order_by("end", "pk")
    )
    return render(request, "awards/posting/list.html", {"postings": postings})


@require_http_methods(["GET", "POST"])
def posting_detail(request, pk):
    posting = _posting(pk)
    can_moderate = request.user.has_perm("awards.change_publicposting", posting)
    today = timezone.localdate()
    if posting.start > today and not can_moderate:
        raise Http404
    is_open = posting.start <= today <= posting.end
    form = PostingCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_comment_add(posting=posting, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Thank you: your comment is received and will be reviewed.")
            )
            return redirect("awards:posting_detail", pk=posting.pk)
    context = {
        "posting": posting,
        "exemplar": posting.candidate_exemplar,
        "form": form if is_open else None,
        "can_moderate": can_moderate,
        "moderation": posting.comments.all() if can_moderate else None,
    }
    return render(request, "awards/posting/detail.html", context)


@login_required
@require_POST
def posting_create(request, exemplar_pk, title_pk):
    exemplar = get_object_or_404(Exemplar, pk=exemplar_pk)
    title = get_object_or_404(Title, pk=title_pk)
    if not request.user.has_perm("awards.change_publicposting", exemplar):
        raise PermissionDenied
    form = PostingCreateForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if not form.is_valid():
        messages.error(request, _("Give the first day of the posting (dd/mm/yyyy)."))
        return redirect(target or "awards:posting_list")
    try:
        posting = services.posting_create(
            exemplar=exemplar, title=title, start=form.cleaned_data["start"], actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(target or "awards:posting_list")
    messages.success(
        request,
        _("The candidate is posted publicly until %(end)s.")
        % {"end": posting.end.strftime("%d/%m/%Y")},
    )
    if target:
        return redirect(target)
    return redirect("awards:posting_detail", pk=posting.pk)


@login_required
@require_POST
def posting_comment_publish(request, pk, comment_pk):
    posting = _posting(pk)
    comment = get_object_or_404(PostingComment, pk=comment_pk, posting=posting)
    if not request.user.has_perm("awards.change_publicposting", posting):
        raise PermissionDenied
    published = request.POST.get("published", "1") == "1"
    services.posting_comment_publish(comment=comment, actor=request.user, published=published)
    messages.success(
        request, _("The comment is published.") if published else _("The comment is hidden.")
    )
    return redirect("awards:posting_detail", pk=posting.pk)
