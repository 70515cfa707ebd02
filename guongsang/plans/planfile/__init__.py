"""The plan file (YAML): read and check (reader, resolve), import, export.

docs/plan-format.md describes every key.
"""

from guongsang.plans.planfile.exporter import plan_to_data, plan_to_yaml  # noqa: F401
from guongsang.plans.planfile.importer import ImportResult, plan_file_import  # noqa: F401
