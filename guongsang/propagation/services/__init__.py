"""Every write of propagation: activities, events and their materials, replications."""

from guongsang.propagation.services.activities import activity_create, activity_update
from guongsang.propagation.services.events import (
    event_create,
    event_status_set,
    event_update,
)
from guongsang.propagation.services.materials import (
    MAX_MATERIAL_BYTES,
    event_material_add,
    event_material_remove,
    material_check,
)
from guongsang.propagation.services.replications import replication_create, replication_update

__all__ = [
    "MAX_MATERIAL_BYTES",
    "activity_create",
    "activity_update",
    "event_create",
    "event_material_add",
    "event_material_remove",
    "event_status_set",
    "event_update",
    "material_check",
    "replication_create",
    "replication_update",
]
