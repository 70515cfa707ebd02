from guongsang.exemplars.views.exemplars import (  # noqa: F401
    evidence_add,
    evidence_download,
    exemplar_detail,
    exemplar_edit,
    exemplar_list,
    exemplar_titles_refresh,
    exemplar_transition,
    initiative_add,
)
from guongsang.exemplars.views.following import (  # noqa: F401
    my_exemplars,
    notification_list,
    notification_read,
    notifications_read_all,
)
from guongsang.exemplars.views.nurturing import (  # noqa: F401
    checkpoint_add,
    checkpoint_done,
    evaluation_add,
    nurturing_plan_edit,
    progress_note_add,
)
from guongsang.exemplars.views.registration import (  # noqa: F401
    nominate,
    register_list,
    self_register,
)
