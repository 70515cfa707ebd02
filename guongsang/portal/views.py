"""The portal's public listing pages: home, a section, browsing exemplars, search.

No sign-in; every read goes through portal/selectors_pages.py (public content only).
"""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from guongsang.portal import selectors_pages
from guongsang.portal.page_cache import cached_public_page
from guongsang.portal.search import SEARCH_WINDOW, search_public
from guongsang.portal.sharing import PageMeta, plain_excerpt
from guongsang.titles.enums import Level

PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
MAX_PAGES = 100


class CappedPaginator(Paginator):
    """Counts at most MAX_PAGES pages of rows: counting a section of 50,000 stories reads every
    row, counting "more than 2,000" stops there. Older items are reached through search."""

    @cached_property
    def count(self) -> int:
        cap = self.per_page * MAX_PAGES
        return self.object_list[: cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.per_page * MAX_PAGES

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def capped_page(request, queryset, per_page: int | None = None):
    paginator = CappedPaginator(queryset, per_page or PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


@require_safe
@cached_public_page
def home(request):
    content = selectors_pages.home()
    meta = PageMeta(
        title=_("Gương Sáng — exemplary models"),
        description=_(
            "Exemplary collectives, individuals and households in the emulation movements: "
            "their stories, recognition and the units that follow their example."
        ),
        path=reverse("portal:home"),
    )
    return render(request, "portal/home.html", {"content": content, "meta": meta})


@require_safe
@cached_public_page
def section_detail(request, slug):
    section = get_object_or_404(selectors_pages.sections(), slug=slug)
    page = capped_page(request, selectors_pages.section_stories(section))
    meta = PageMeta(
        title=section.name,
        description=plain_excerpt(section.description),
        path=reverse("portal:section_detail", kwargs={"slug": section.slug}),
    )
    context = {"section": section, "page_obj": page, "meta": meta}
    return render(request, "portal/section_detail.html", context)


class BrowseForm(forms.Form):
    """The browse filters; unknown values are ignored rather than refused (a public page)."""

    field = forms.TypedChoiceField(label=gettext_lazy("Field"), required=False, coerce=int)
    movement = forms.TypedChoiceField(label=gettext_lazy("Movement"), required=False, coerce=int)
    level = forms.ChoiceField(label=gettext_lazy("Recognition level"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1945, max_value=2100,
        widget=forms.Select,
    )  # fmt: skip
    unit = forms.TypedChoiceField(label=gettext_lazy("Unit"), required=False, coerce=int)

    def __init__(self, data, *, choices: selectors_pages.BrowseChoices):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["field"].choices = everything + [(f.pk, f.name) for f in choices.fields]
        self.fields["movement"].choices = everything + [(m.pk, m.name) for m in choices.movements]
        self.fields["level"].choices = everything + list(Level.choices)
        self.fields["year"].widget.choices = everything + [(y, str(y)) for y in choices.years]
        self.fields["unit"].choices = everything + [
            (u.pk, "\u2003" * (u.depth - 1) + u.name) for u in choices.units
        ]
        self.units = {u.pk: u for u in choices.units}

    def filters(self) -> dict:
        """The valid filters only: an out-of-date link still shows a page."""
        self.is_valid()
        data = self.cleaned_data  # a field with a bad value is left out of it
        return {
            "field_id": data.get("field") or None,
            "movement_id": data.get("movement") or None,
            "level": data.get("level") or "",
            "year": data.get("year") or None,
            "unit": self.units.get(data.get("unit") or 0),
        }


@require_safe
@cached_public_page
def browse(request):
    form = BrowseForm(request.GET, choices=selectors_pages.browse_choices())
    filters = form.filters()
    page = capped_page(request, selectors_pages.browse_profiles(**filters))
    meta = PageMeta(
        title=_("Exemplars"),
        description=_("Browse exemplary models by field, movement, level, year and unit."),
        path=reverse("portal:browse"),
    )
    filtered = any(value not in (None, "") for value in filters.values())
    context = {"form": form, "page_obj": page, "meta": meta, "filtered": filtered}
    return render(request, "portal/browse.html", context)


class _SearchPaginator:
    """The bits of a Paginator the pagination partial reads, from a known total."""

    def __init__(self, total: int, per_page: int):
        self.count = total
        self.num_pages = max(1, -(-total // per_page))


class _SearchPage:
    def __init__(self, number: int, total: int, per_page: int):
        self.paginator = _SearchPaginator(total, per_page)
        self.number = min(number, self.paginator.num_pages)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:QUERY_MAX_LENGTH]
    number = _page_number(request)
    results, total = [], 0
    if query:
        offset = (number - 1) * SEARCH_PAGE_SIZE
        results, total = search_public(query, limit=SEARCH_PAGE_SIZE, offset=offset)
        if not results and total:  # past the last page: show the last one
            number = Paginator(range(total), SEARCH_PAGE_SIZE).num_pages
            offset = (number - 1) * SEARCH_PAGE_SIZE
            results, total = search_public(query, limit=SEARCH_PAGE_SIZE, offset=offset)
    meta = PageMeta(
        title=_("Search"),
        description=_("Search the stories and exemplars of the portal."),
        path=reverse("portal:search"),
    )
    context = {
        "query": query,
        "results": results,
        "total": total,
        "at_least": total >= SEARCH_WINDOW,  # a kind may have filled its window
        "page_obj": _SearchPage(number, total, SEARCH_PAGE_SIZE),
        "meta": meta,
    }
    return render(request, "portal/search.html", context)
