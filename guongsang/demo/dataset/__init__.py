"""A province-scale synthetic dataset for benchmarks: units, people, households, title records.

Rows go in with raw multi-row inserts (COPY on PostgreSQL, executemany elsewhere) and
explicit primary keys, without model objects, services or history rows: generated data has
no audit trail. Tree paths follow django-treebeard's materialised path; `name_sort` and
`search_text` use the same functions as the models' `refresh_search_fields`.
"""

from guongsang.demo.dataset.common import Figures, Node
from guongsang.demo.dataset.generator import DatasetGenerator
from guongsang.demo.dataset.scales import CITIZENS_PER_HOUSEHOLD, SCALES, STAFF_WEIGHT

__all__ = [
    "CITIZENS_PER_HOUSEHOLD",
    "SCALES",
    "STAFF_WEIGHT",
    "DatasetGenerator",
    "Figures",
    "Node",
]
