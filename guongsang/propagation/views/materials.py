"""Materials of an event: adding and removing them, and serving them.

Files are never served from a public folder: a public material of a public event goes to
anyone (the portal links here); any other material only to those who see the event.
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.common.errors import DomainError
from guongsang.propagation import selectors, services
from guongsang.propagation.forms_events import MaterialForm
from guongsang.propagation.services.materials import content_type_of
from guongsang.propagation.views._common import require
from guongsang.propagation.views.events import event_detail_context, visible_event


@login_required
@require_POST
def material_add(request, pk):
    event = visible_event(request, pk)
    require(request, "propagation.change", event)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.event_material_add(
                event=event,
                title=data["title"],
                upload=data["file"] or None,
                url=data["url"],
                is_public=data["is_public"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The material is added."))
            return redirect("propagation:event_detail", pk=event.pk)
    context = event_detail_context(request, event, material_form=form)
    return render(request, "propagation/event/detail.html", context)


@login_required
@require_POST
def material_remove(request, pk):
    material = selectors.material_visible_to(user=request.user, pk=pk)
    if material is None:
        raise Http404
    require(request, "propagation.change", material.event)
    try:
        services.event_material_remove(material=material, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The material is removed."))
    return redirect("propagation:event_detail", pk=material.event_id)


@require_GET
def material_download(request, pk):
    """The file, or a redirect to the link: public materials of public events to anyone."""
    material = selectors.public_material(pk=pk)
    if material is None and request.user.is_authenticated:
        material = selectors.material_visible_to(user=request.user, pk=pk)
    if material is None:
        raise Http404
    if not material.file:
        return redirect(material.url)
    name = os.path.basename(material.file.name)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=content_type_of(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
