"""The API for units, emulation groups, people and households.

Every endpoint reads through the same selectors as the pages (so an object outside the
caller's scope is a 404) and writes through the same services after the same rules (so an
object in scope that the caller may not change is a 403).
"""

from guongsang.orgs.api import groups, people, units  # noqa: F401  (registers the endpoints)
from guongsang.orgs.api._shared import visible_unit  # noqa: F401
from guongsang.orgs.api.router import router  # noqa: F401
