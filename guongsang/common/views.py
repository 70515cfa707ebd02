from django.shortcuts import render

from guongsang.common.pagination import paginate  # noqa: F401  (re-exported for apps)


def home(request):
    return render(request, "home.html")
