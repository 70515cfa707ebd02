"""The dataset generator: runs the phases in order in one transaction and times each."""

import random
import time

from django.db import connection, transaction

from guongsang.demo.dataset.common import Figures, Node
from guongsang.demo.dataset.population import PopulationPhases
from guongsang.demo.dataset.scales import SCALES
from guongsang.demo.dataset.title_records import TitleRecordsPhase
from guongsang.demo.dataset.units import UnitsPhase
from guongsang.demo.names import NamePicker
from guongsang.orgs.bulk import reset_sequences
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person, Unit


class DatasetGenerator(UnitsPhase, PopulationPhases, TitleRecordsPhase):
    """A synthetic province at one scale; `run()` inserts it and returns its Figures."""

    def __init__(self, *, seed: int = 42, scale: str = "province", log=None):
        self.rng = random.Random(seed)
        self.names = NamePicker(self.rng)
        self.params = SCALES[scale]
        self.log = log or (lambda message: None)
        self.figures = Figures()
        self.nodes: list[Node] = []
        self.staff: list[tuple[int, Node, int]] = []  # person id, unit, first year
        self.households: list[tuple[int, Node]] = []  # household id, commune
        self.id_serial = 0

    def run(self) -> Figures:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:  # a large page cache keeps index inserts fast
                cursor.execute("PRAGMA cache_size = -400000")
                cursor.execute("PRAGMA temp_store = MEMORY")
        with transaction.atomic():
            self._phase("units", self._units)
            self._phase("staff (people with a post)", self._people)
            self._phase("households (and their residents)", self._households)
            self._phase("title records", self._title_records)
            reset_sequences(Unit, Person, Household, Membership, HouseholdMember)
            committing = time.monotonic()
        # Deferred foreign-key checks run at commit (PostgreSQL), so it is timed as a phase.
        self._record("commit", None, time.monotonic() - committing)
        if connection.vendor == "postgresql":
            self._phase("analyze", self._analyze)
        return self.figures

    def _phase(self, name: str, step) -> None:
        started = time.monotonic()
        count = step()
        self._record(name, count, time.monotonic() - started)

    def _record(self, name: str, count, seconds: float) -> None:
        self.figures.phases.append((name, count, seconds))
        self.log(f"{name}: {count if count is not None else '-'} in {seconds:.1f} s")

    def _analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
