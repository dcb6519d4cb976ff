from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nidaa.directory import selectors
from nidaa.directory.models import Territory


def territories(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/territory_list.html", {"regions": selectors.regions_with_provinces()})


def territory(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.territory_with_children(code)
    if found is None:
        raise Http404(code)
    territory, children = found
    ancestors: list[Territory] = []
    parent = territory.parent
    while parent is not None:
        ancestors.insert(0, parent)
        parent = parent.parent
    return render(
        request,
        "directory/territory_detail.html",
        {"territory": territory, "children": children, "ancestors": ancestors},
    )
