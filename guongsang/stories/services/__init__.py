"""Every write of the portal content: stories, profiles, images, sections and moderation
(editors, in the modules below), and what the public sends (public.py, imported on its own)."""

from guongsang.stories.services.images import (  # noqa: F401
    image_add,
    image_check,
    image_delete,
    image_update,
)
from guongsang.stories.services.moderation import (  # noqa: F401
    comment_publish,
    comment_reject,
    comments_moderate,
    report_answer,
)
from guongsang.stories.services.profiles import (  # noqa: F401
    consent_record,
    profile_create_or_update,
    profile_feature,
    profile_publish,
    profile_withdraw,
)
from guongsang.stories.services.sections import section_create, section_update  # noqa: F401
from guongsang.stories.services.stories import (  # noqa: F401
    consent_missing,
    story_approve,
    story_archive,
    story_create,
    story_is_scheduled,
    story_return,
    story_schedule,
    story_submit,
    story_update,
)
