"""Every write to the exemplar registry. Services are keyword-only, atomic and audited."""

from guongsang.exemplars.services.dossier import (  # noqa: F401
    exemplar_titles_refresh,
    exemplar_update,
    initiative_add,
)
from guongsang.exemplars.services.evidence import evidence_add, evidence_check  # noqa: F401
from guongsang.exemplars.services.lifecycle import (  # noqa: F401
    TRANSITIONS,
    exemplar_not_recognise,
    exemplar_propose,
    exemplar_start_nurturing,
    exemplar_transition,
    exemplar_withdraw,
    transitions_open,
)
from guongsang.exemplars.services.nurturing import (  # noqa: F401
    checkpoint_add,
    checkpoint_done,
    evaluation_add,
    nurturing_plan_save,
    progress_note_add,
)
from guongsang.exemplars.services.registration import (  # noqa: F401
    DuplicateExemplar,
    duplicates_of,
    exemplar_nominate,
    exemplar_register,
    exemplar_register_bulk,
    exemplar_self_register,
)
