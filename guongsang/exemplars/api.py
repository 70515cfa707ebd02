"""The exemplars API: registry, registration, lifecycle, dossier, nurturing, notifications.

Endpoints call the same selectors and services as the views, and the same rules.
"""

from django.http import Http404
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_404, require
from guongsang.exemplars import api_helpers as helpers
from guongsang.exemplars import selectors, services
from guongsang.exemplars.api_schemas import (
    CheckpointDoneIn,
    CheckpointIn,
    CheckpointOut,
    Duplicate,
    EvaluationIn,
    EvaluationOut,
    EvidenceOut,
    ExemplarDetailOut,
    ExemplarFilters,
    ExemplarOut,
    InitiativeIn,
    InitiativeOut,
    NominateIn,
    NotificationOut,
    NurturingPlanIn,
    NurturingPlanOut,
    ProgressNoteIn,
    ProgressNoteOut,
    RegisterBulkIn,
    RegisterIn,
    SelfRegisterIn,
    SummaryPatch,
    TransitionIn,
)
from guongsang.exemplars.enums import EvidenceKind
from guongsang.exemplars.models import NurturingPlan
from guongsang.exemplars.notifications import notification_mark_read
from guongsang.exemplars.rules import NOMINATE_ROLES
from guongsang.orgs import scope
from guongsang.orgs.api._shared import visible_unit

router = Router(tags=["exemplars"])
WITH_DUPLICATE = {**ERRORS, 409: Duplicate}


def _visible(request, pk: int):
    return get_or_404(selectors.exemplars_visible_to(user=request.user), pk)


def _detail(request, pk: int):
    exemplar = selectors.exemplar_detail(user=request.user, pk=pk)
    if exemplar is None:
        raise Http404
    return exemplar


@router.get("/exemplars", response=list[ExemplarOut])
@paginate(Pagination)
def exemplar_list(request, filters: Query[ExemplarFilters]):
    return selectors.exemplars_visible_to(
        user=request.user,
        query=filters.q,
        plan=helpers.plan_filter(filters.plan),
        movement=helpers.movement_filter(filters.movement),
        status=filters.status,
        subject_kind=filters.subject_kind,
        unit=visible_unit(request, filters.unit),
        year=filters.year,
    )


@router.get("/exemplars/mine", response=list[ExemplarOut])
@paginate(Pagination)
def my_exemplars(request):
    """What the caller registered or nominated, and the records about themselves."""
    return selectors.my_exemplars(user=request.user)


@router.get("/exemplars/{int:exemplar_id}", response={200: ExemplarDetailOut, **ERRORS})
def exemplar_detail(request, exemplar_id: int):
    return _detail(request, exemplar_id)


@router.post("/exemplars", response={201: ExemplarDetailOut, **WITH_DUPLICATE})
def exemplar_register(request, payload: RegisterIn):
    """Register one subject in the caller's scope (origin "registered")."""
    require(request, "exemplars.register")
    subject = helpers.subject(request, payload, scope.RECORD_WRITE_ROLES)
    options = helpers.options(request, payload)
    with helpers.duplicates_as_409() as outcome:
        exemplar = services.exemplar_register(subject=subject, actor=request.user, **options)
    return outcome.response or Status(201, _detail(request, exemplar.pk))


@router.post("/exemplars/bulk", response={201: list[ExemplarOut], **WITH_DUPLICATE})
def exemplar_register_bulk(request, payload: RegisterBulkIn):
    """The unit's registration list: several subjects at once, all or nothing."""
    require(request, "exemplars.register")
    subjects = [helpers.subject(request, ref, scope.RECORD_WRITE_ROLES) for ref in payload.subjects]
    options = helpers.options(request, payload)
    with helpers.duplicates_as_409() as outcome:
        created = services.exemplar_register_bulk(subjects=subjects, actor=request.user, **options)
    if outcome.response:
        return outcome.response
    return Status(
        201,
        list(
            selectors.exemplars_visible_to(user=request.user).filter(pk__in=[e.pk for e in created])
        ),
    )


@router.post("/exemplars/nominate", response={201: ExemplarDetailOut, **WITH_DUPLICATE})
def exemplar_nominate(request, payload: NominateIn):
    """Nominate a new factor, new model, good deed or ad-hoc achievement (origin "discovered")."""
    require(request, "exemplars.nominate")
    subject = helpers.subject(request, payload, NOMINATE_ROLES)
    options = helpers.options(request, payload)
    with helpers.duplicates_as_409() as outcome:
        exemplar = services.exemplar_nominate(
            subject=subject,
            discovery_kind=payload.discovery_kind,
            actor=request.user,
            **options,
        )
    return outcome.response or Status(201, _detail(request, exemplar.pk))


@router.post("/exemplars/self-register", response={201: ExemplarDetailOut, **WITH_DUPLICATE})
def exemplar_self_register(request, payload: SelfRegisterIn):
    """The caller registers themselves, where the plan allows (origin "self_registered")."""
    options = helpers.options(request, payload)
    with helpers.duplicates_as_409() as outcome:
        exemplar = services.exemplar_self_register(actor=request.user, **options)
    return outcome.response or Status(201, _detail(request, exemplar.pk))


@router.post(
    "/exemplars/{int:exemplar_id}/transitions/{name}",
    response={200: ExemplarDetailOut, **ERRORS},
)
def exemplar_transition(request, exemplar_id: int, name: str, payload: TransitionIn):
    """start_nurturing, propose, withdraw (reason), not_recognise (reason)."""
    exemplar = _visible(request, exemplar_id)
    if name not in services.TRANSITIONS:
        raise Http404
    services.exemplar_transition(
        exemplar=exemplar, transition=name, actor=request.user, reason=payload.reason
    )
    return _detail(request, exemplar.pk)


@router.patch("/exemplars/{int:exemplar_id}/summary", response={200: ExemplarDetailOut, **ERRORS})
def exemplar_update(request, exemplar_id: int, payload: SummaryPatch):
    exemplar = _visible(request, exemplar_id)
    fields = changes(payload)
    field_ids = fields.pop("field_ids", None)
    if "movement_id" in fields:
        fields["movement"] = helpers.movement_of(exemplar.plan, fields.pop("movement_id"))
    if "key_achievements" in fields and fields["key_achievements"] is None:
        fields.pop("key_achievements")
    fields = {k: v for k, v in fields.items() if v is not None or k == "movement"}
    services.exemplar_update(
        exemplar=exemplar,
        actor=request.user,
        fields=None if field_ids is None else helpers.fields_of(field_ids),
        **fields,
    )
    return _detail(request, exemplar.pk)


@router.post(
    "/exemplars/{int:exemplar_id}/titles/refresh", response={200: ExemplarDetailOut, **ERRORS}
)
def exemplar_titles_refresh(request, exemplar_id: int):
    exemplar = _visible(request, exemplar_id)
    services.exemplar_titles_refresh(exemplar=exemplar, actor=request.user)
    return _detail(request, exemplar.pk)


@router.get(
    "/exemplars/{int:exemplar_id}/initiatives", response={200: list[InitiativeOut], **ERRORS}
)
def initiative_list(request, exemplar_id: int):
    return list(_visible(request, exemplar_id).initiatives.all())


@router.post("/exemplars/{int:exemplar_id}/initiatives", response={201: InitiativeOut, **ERRORS})
def initiative_add(request, exemplar_id: int, payload: InitiativeIn):
    exemplar = _visible(request, exemplar_id)
    initiative = services.initiative_add(exemplar=exemplar, actor=request.user, **payload.dict())
    return Status(201, initiative)


@router.get("/exemplars/{int:exemplar_id}/evidence", response={200: list[EvidenceOut], **ERRORS})
def evidence_list(request, exemplar_id: int):
    return list(_visible(request, exemplar_id).evidence.all())


@router.post("/exemplars/{int:exemplar_id}/evidence", response={201: EvidenceOut, **ERRORS})
def evidence_add(
    request,
    exemplar_id: int,
    file: File[UploadedFile],
    kind: Form[EvidenceKind] = EvidenceKind.DOCUMENT,
    description: Form[str] = "",
):
    """Multipart upload: PDF, DOCX, XLSX, JPEG or PNG, at most 10 MB."""
    exemplar = _visible(request, exemplar_id)
    evidence = services.evidence_add(
        exemplar=exemplar, upload=file, kind=kind, description=description, actor=request.user
    )
    return Status(201, evidence)


@router.get(
    "/exemplars/{int:exemplar_id}/nurturing-plan", response={200: NurturingPlanOut, **ERRORS}
)
def nurturing_plan_detail(request, exemplar_id: int):
    exemplar = _visible(request, exemplar_id)
    plan = NurturingPlan.objects.filter(exemplar=exemplar).prefetch_related("checkpoints").first()
    if plan is None:
        raise Http404
    return plan


@router.put(
    "/exemplars/{int:exemplar_id}/nurturing-plan", response={200: NurturingPlanOut, **ERRORS}
)
def nurturing_plan_save(request, exemplar_id: int, payload: NurturingPlanIn):
    exemplar = _visible(request, exemplar_id)
    fields = changes(payload)
    if "mentor_id" in fields:
        fields["mentor"] = helpers.mentor(request, fields.pop("mentor_id"))
    plan = services.nurturing_plan_save(exemplar=exemplar, actor=request.user, **fields)
    return NurturingPlan.objects.prefetch_related("checkpoints").get(pk=plan.pk)


@router.post("/exemplars/{int:exemplar_id}/checkpoints", response={201: CheckpointOut, **ERRORS})
def checkpoint_add(request, exemplar_id: int, payload: CheckpointIn):
    exemplar = _visible(request, exemplar_id)
    checkpoint = services.checkpoint_add(exemplar=exemplar, actor=request.user, **payload.dict())
    return Status(201, checkpoint)


@router.post(
    "/exemplars/{int:exemplar_id}/checkpoints/{int:checkpoint_id}/done",
    response={200: CheckpointOut, **ERRORS},
)
def checkpoint_done(request, exemplar_id: int, checkpoint_id: int, payload: CheckpointDoneIn):
    exemplar = _visible(request, exemplar_id)
    checkpoint = get_or_404(selectors.checkpoints_of(exemplar=exemplar), checkpoint_id)
    return services.checkpoint_done(checkpoint=checkpoint, actor=request.user, **payload.dict())


@router.get("/exemplars/{int:exemplar_id}/notes", response={200: list[ProgressNoteOut], **ERRORS})
def progress_note_list(request, exemplar_id: int):
    return list(_visible(request, exemplar_id).progress_notes.all())


@router.post("/exemplars/{int:exemplar_id}/notes", response={201: ProgressNoteOut, **ERRORS})
def progress_note_add(request, exemplar_id: int, payload: ProgressNoteIn):
    exemplar = _visible(request, exemplar_id)
    note = services.progress_note_add(exemplar=exemplar, actor=request.user, **payload.dict())
    return Status(201, note)


@router.get(
    "/exemplars/{int:exemplar_id}/evaluations", response={200: list[EvaluationOut], **ERRORS}
)
def evaluation_list(request, exemplar_id: int):
    return list(_visible(request, exemplar_id).evaluations.all())


@router.post("/exemplars/{int:exemplar_id}/evaluations", response={201: EvaluationOut, **ERRORS})
def evaluation_add(request, exemplar_id: int, payload: EvaluationIn):
    exemplar = _visible(request, exemplar_id)
    evaluation = services.evaluation_add(exemplar=exemplar, actor=request.user, **payload.dict())
    return Status(201, evaluation)


@router.get("/notifications", response=list[NotificationOut])
@paginate(Pagination)
def notification_list(request, unread: bool = False):
    notifications = selectors.notifications_of(user=request.user)
    return notifications.filter(read_at__isnull=True) if unread else notifications


@router.post("/notifications/{int:notification_id}/read", response={200: NotificationOut, **ERRORS})
def notification_read(request, notification_id: int):
    notification = get_or_404(selectors.notifications_of(user=request.user), notification_id)
    return notification_mark_read(notification=notification, user=request.user)
