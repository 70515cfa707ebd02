"""Benchmark: the set-based eligibility engine against the naive per-candidate loop.

    .venv/bin/python bench/eligibility.py [--scale small|province] [--seed 42] [--sample 2000]

Uses DATABASE_URL when set (it must point at an empty database), else a fresh temporary
SQLite file. Generates the synthetic province, evaluates the shipped criteria set
"Cá nhân điển hình tiên tiến giai đoạn 5 năm" (CSTĐ cơ sở every year of 5, HTXS every
year, freeze, leader rule, title preferred) over every individual, stores the results
(timed on their own: store_s), then runs the naive evaluator over a sample and checks both
agree. Ends with one line:
    bench eligibility: candidates=… engine_s=… naive_per_candidate_ms=…
    engine_per_candidate_ms=… ratio=… store_s=…
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEAR = 2025
AS_OF = datetime.date(2026, 1, 15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "province", "tiny"], default="province")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sample", type=int, default=2000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guongsang.settings")
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="gs-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"

    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection, transaction
    from django.utils import translation

    from guongsang.demo.management.commands.generate_dataset import Command
    from guongsang.plans.engine import evaluate
    from guongsang.plans.engine.naive import evaluate_naive
    from guongsang.plans.engine.runs import results_store

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command(Command(), seed=args.seed, scale=args.scale)
    print(f"dataset ready in {time.monotonic() - started:.1f} s ({connection.vendor})")
    root, criteria_set, user = _setup(args.seed)
    connection.close()  # start the timing with a fresh connection

    with translation.override("vi"):
        started = time.monotonic()
        results = evaluate(criteria_set=criteria_set, year=YEAR, unit=root, as_of=AS_OF)
        engine_s = time.monotonic() - started
    print(f"engine: {len(results)} candidates in {engine_s:.2f} s")
    print("verdicts:", _tally(results))

    run = _run_row(criteria_set, root, user)
    started = time.monotonic()
    with transaction.atomic():
        stored = results_store(run=run, results=results)
    store_s = time.monotonic() - started
    print(f"store: {stored} results in {store_s:.2f} s")

    rng = random.Random(args.seed)
    by_id = {result.id: result for result in results}
    sample = sorted(by_id) if len(by_id) <= args.sample else rng.sample(sorted(by_id), args.sample)
    with translation.override("vi"):
        started = time.monotonic()
        naive = evaluate_naive(
            criteria_set=criteria_set, year=YEAR, subject_ids=sample, as_of=AS_OF
        )
        naive_s = time.monotonic() - started
    wrong = [r.id for r in naive if by_id[r.id][4:] != r[4:]]
    print(f"naive: {len(naive)} candidates in {naive_s:.2f} s; disagreements: {len(wrong)}")
    if wrong or len(naive) != len(sample):
        sys.exit(f"the engines disagree on {wrong[:10]}")
    print("naive sample verdicts:", _tally(naive))
    connection.close()
    if tmp is not None:
        tmp.cleanup()
    engine_ms = engine_s * 1000 / max(len(results), 1)
    naive_ms = naive_s * 1000 / max(len(naive), 1)
    print(
        f"bench eligibility: candidates={len(results)} engine_s={engine_s:.2f} "
        f"naive_per_candidate_ms={naive_ms:.3f} engine_per_candidate_ms={engine_ms:.4f} "
        f"ratio={naive_ms / engine_ms:.0f} store_s={store_s:.2f}"
    )


def _setup(seed: int):
    """The root unit, the criteria set, a user; a few open and past cases (1 % of people)."""
    from django.contrib.auth import get_user_model

    from guongsang.orgs.models import Person, Unit
    from guongsang.plans.models import ComplianceCase, CriteriaSet

    rng = random.Random(seed)
    root = Unit.objects.filter(depth=1).order_by("path").first()
    criteria_set = CriteriaSet.objects.get(code="dien-hinh-ca-nhan-5-nam", is_builtin=True)
    user, _ = get_user_model().objects.get_or_create(username="bench-eligibility")
    people = list(Person.objects.filter(unit__isnull=False).values_list("pk", "unit_id"))
    cases = []
    for pk, unit_id in rng.sample(people, len(people) // 100):
        kind = rng.choice(["discipline", "discipline", "inspection", "complaint"])
        opened = datetime.date(rng.choice([2022, 2023, 2024, 2025]), rng.randint(1, 12), 1)
        closed = rng.choice([None, opened + datetime.timedelta(days=90)])
        until = closed + datetime.timedelta(days=365) if closed and kind == "discipline" else None
        cases.append(
            ComplianceCase(
                person_id=pk,
                scope_unit_id=unit_id,
                kind=kind,
                opened_on=opened,
                closed_on=closed,
                effect_until=until,
            )  # fmt: skip
        )
    ComplianceCase.objects.bulk_create(cases, batch_size=2000)
    return root, criteria_set, user


def _run_row(criteria_set, root, user):
    from guongsang.plans.models import EligibilityRun

    return EligibilityRun.objects.create(
        criteria_set=criteria_set, year=YEAR, unit=root, created_by=user
    )


def _tally(results) -> dict:
    tally: dict = {}
    for result in results:
        tally[result.verdict] = tally.get(result.verdict, 0) + 1
    return tally


if __name__ == "__main__":
    main()
