"""Benchmark: a closed review round's pages over HTTP — the table, a dossier and a search.

    .venv/bin/python bench/review.py [--scale small|province] [--seed 42] [--samples N]
        [--clients 20] [--seconds S] [--server nodelay|runserver] [--conn-max-age S]
        [--rank-index]

Uses DATABASE_URL when set (it must point at an empty database), else a fresh temporary
SQLite file. Generates the synthetic province (generate_dataset), then a CLOSED review round
on the province's council (bench/_review_data.py): 20,000 candidates at scale "province"
(2,000 at "small"), 30 members, 2 criteria scored per candidate (40,000 scores), 30 ballots
and participations per candidate (600,000 each, chained by their hashes), tallies and
outcomes stored.

It counts the queries per page in-process (test client, CaptureQueriesContext) as the
council's chair and as the synthesising office, checking each page's content. Then it
starts Django's threaded development server — by default the very server `runserver
--noreload` runs, with TCP_NODELAY (bench/_review_server.py explains the ~40 ms that plain
runserver adds to every keep-alive response; `--server runserver` measures it as is) — with
DEBUG off and the settings' database connection handling (CONN_MAX_AGE from the settings
unless `--conn-max-age`), and, signed in as the chair (session cookie), requests over loopback:
  table    the round's candidate table (50 per page, by score, with the tallies): half the
           requests on its first 10 pages, half on any page (both also shown apart);
  dossier  one candidate's dossier page (random candidates);
  eligibility  the dossier's eligibility panel (the engine's verdict), which the page
           fetches with HTMX once it is shown;
  search   the round's table filtered by `q` (a full name, a surname and given name, a unit).
Single client: p50/p95 per kind, and the server's CPU time per request (which, unlike the
wall-clock times, does not depend on what else the machine is running). Then 20 concurrent
clients (threads, one keep-alive connection each, kinds drawn at random) for 30 s (10 s at
"small"): p95. Errors are non-200 responses, exceptions and pages whose content is wrong.
Ends with one line:
    bench review: candidates=… table_p95_ms=… dossier_p95_ms=… eligibility_p95_ms=…
    search_p95_ms=… loaded_p95_ms=… max_queries=… errors=…
"""

import argparse
import http.client
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SCALES = {
    # candidates, single-client samples per page kind, seconds under load
    "province": (20_000, 200, 30),
    "small": (2_000, 60, 10),
    "tiny": (120, 30, 3),
}
KINDS = ("table", "dossier", "eligibility", "search")
TARGET_MS = 60
TARGET_QUERIES = 15
# models.Index(fields=["round", "-score", "name_sort", "id"]): the table's whole ORDER BY.
RANK_INDEX = "round_id, score DESC, name_sort, id"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(SCALES), default="province")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, help="single-client requests per page kind")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, help="duration of the concurrent run")
    parser.add_argument(
        "--server",
        choices=["nodelay", "runserver"],
        default="nodelay",
        help="runserver's server with TCP_NODELAY (bench/_review_server.py), or runserver itself",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        help="give the server persistent database connections (CONN_MAX_AGE); default: settings",
    )
    parser.add_argument(
        "--rank-index",
        action="store_true",
        help=f"add the index proposed for Candidate.Meta.indexes ({RANK_INDEX}) to the bench "
        "database first, to measure what it would change",
    )
    args = parser.parse_args()
    candidates, samples, seconds = SCALES[args.scale]
    samples = args.samples or samples
    seconds = args.seconds or seconds

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guongsang.settings")
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="gs-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"

    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from guongsang.demo.management.commands.generate_dataset import Command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command(Command(), seed=args.seed, scale=args.scale, stdout=_Quiet())
    print(f"dataset ready in {time.monotonic() - started:.1f} s ({connection.vendor})")

    import _review_data

    started = time.monotonic()
    data = _review_data.build(candidates=candidates, seed=args.seed)
    figures = ", ".join(f"{key} {value:,}" for key, value in data.figures.items())
    print(f"review round built in {time.monotonic() - started:.1f} s: {figures}")

    if args.rank_index:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX bench_candidate_rank ON reviews_candidate ({RANK_INDEX})")
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE reviews_candidate")
        print(f"added the index reviews_candidate ({RANK_INDEX})")
    rng = random.Random(args.seed)
    paths = _Paths(data, rng)
    max_queries, query_errors = _count_queries(data, paths)
    cookie = _session_cookie(data.chair_user)
    connection.close()

    port = _free_port()
    log_path = Path(tmp.name if tmp else tempfile.gettempdir()) / f"bench-review-{port}.log"
    server = _start_server(port, log_path, args.server, args.conn_max_age)
    print(f"machine: {os.cpu_count()} CPUs, load average {_load_average()} before measuring")
    try:
        single, single_errors = _single(port, cookie, paths, samples, server.pid)
        loaded, loaded_errors = _load(port, cookie, paths, args.clients, seconds)
    finally:
        _stop_server(server)
    print(f"machine: load average {_load_average()} after measuring")
    errors = query_errors + single_errors + loaded_errors
    if errors:
        print(f"errors: {query_errors} in-process, {single_errors} single, {loaded_errors} loaded")
        print(f"server log: {log_path}")
    results = {kind: _percentile(single[kind], 95) for kind in KINDS}
    missed = [
        f"{kind} p95 {results[kind]:.1f} ms > {TARGET_MS} ms"
        for kind in ("table", "dossier", "eligibility")
        if results[kind] > TARGET_MS
    ]
    if max_queries > TARGET_QUERIES:
        missed.append(f"{max_queries} queries on a page > {TARGET_QUERIES}")
    if errors:
        missed.append(f"{errors} errors")
    print(f"targets missed: {'; '.join(missed)}" if missed else "targets met")
    if not errors:
        log_path.unlink(missing_ok=True)
        if tmp is not None:
            tmp.cleanup()
    print(
        f"bench review: candidates={len(data.candidate_ids)} "
        f"table_p95_ms={results['table']:.1f} dossier_p95_ms={results['dossier']:.1f} "
        f"eligibility_p95_ms={results['eligibility']:.1f} "
        f"search_p95_ms={results['search']:.1f} loaded_p95_ms={_percentile(loaded, 95):.1f} "
        f"max_queries={max_queries} errors={errors}"
    )


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


class _Paths:
    """The URLs to request, drawn at random: pages over the whole table, any candidate."""

    def __init__(self, data, rng: random.Random):
        from django.urls import reverse

        self.rng = rng
        self.lock = threading.Lock()
        self.table = reverse("reviews:round_detail", args=[data.round_id])
        self.pages = -(-len(data.candidate_ids) // 50)
        self.round_id = data.round_id
        self.candidates = data.candidate_ids
        self.queries = data.search_queries

    def dossier(self, candidate_id: int) -> str:
        from django.urls import reverse

        return reverse("reviews:candidate_detail", args=[self.round_id, candidate_id])

    def eligibility(self, candidate_id: int) -> str:
        """The dossier's eligibility panel, which the page fetches with HTMX once shown."""
        from django.urls import reverse

        return reverse("reviews:candidate_eligibility", args=[self.round_id, candidate_id])

    @staticmethod
    def page_of(path: str) -> int:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        return int(query.get("page", ["1"])[0])

    def next(self, kind: str) -> str:
        with self.lock:
            if kind == "table":
                # Half on the first 10 pages (where the scores are read), half anywhere.
                last = min(10, self.pages) if self.rng.random() < 0.5 else self.pages
                page = self.rng.randint(1, last)
                return self.table if page == 1 else f"{self.table}?page={page}"
            if kind in ("dossier", "eligibility"):
                candidate_id = self.rng.choice(self.candidates)
            else:
                query = urllib.parse.urlencode({"q": self.rng.choice(self.queries)})
                return f"{self.table}?{query}"
        return getattr(self, kind)(candidate_id)


def _single(port: int, cookie: str, paths: _Paths, samples: int, server_pid: int):
    """One client, one keep-alive connection, one page kind after the other.

    Besides the wall-clock times, the server process's CPU time per request: it does not
    depend on what else the machine runs (the database's own CPU is in it with SQLite, not
    with PostgreSQL, whose backends are other processes).
    """
    client = _Client(port, cookie)
    for kind in KINDS:  # warm up: templates, translations, the database's caches
        for _ in range(3):
            client.get(paths.next(kind))
    client.errors = 0
    single = {kind: [] for kind in KINDS}
    shallow, deep = [], []  # the table's first 10 pages, the pages after
    cpu = {}
    for kind in KINDS:
        started = _cpu_seconds(server_pid)
        for _ in range(samples):
            path = paths.next(kind)
            elapsed = client.get(path)
            single[kind].append(elapsed)
            if kind == "table":
                (shallow if paths.page_of(path) <= 10 else deep).append(elapsed)
        cpu[kind] = (_cpu_seconds(server_pid) - started) * 1000 / samples
    client.close()
    for kind in KINDS:
        _print_times(f"single client, {kind}", single[kind])
    _print_times("single client, table pages 1-10", shallow)
    _print_times("single client, table pages after 10", deep)
    shown = ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in cpu.items())
    print(f"server CPU time per request (single client): {shown}")
    return single, client.errors


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _count_queries(data, paths: _Paths) -> tuple[int, int]:
    """Queries per page, in-process, as the chair and as the synthesising office."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    worst, errors = 0, 0
    last_page = f"{paths.table}?page={paths.pages}"
    ids = data.candidate_ids
    samples = {
        "table": [paths.table, f"{paths.table}?page={paths.pages // 2}", last_page],
        "dossier": [paths.dossier(pk) for pk in (ids[0], ids[len(ids) // 2], ids[-1])],
        "eligibility": [paths.eligibility(pk) for pk in (ids[0], ids[len(ids) // 2], ids[-1])],
        "search": [
            f"{paths.table}?{urllib.parse.urlencode({'q': q})}" for q in data.search_queries[:3]
        ],
    }
    for label, user in (("chair", data.chair_user), ("synthesis office", data.synthesis_user)):
        client = Client()
        client.force_login(user)
        client.get(paths.table)  # first request: per-process caches (content types…)
        counts = {}
        for kind, urls in samples.items():
            counts[kind] = []
            for url in urls:
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, headers=_htmx_headers(url))
                expected = min(50, len(ids) - 50 * (paths.page_of(url) - 1))
                problem = _check_page(kind, response, expected, council=user == data.chair_user)
                if problem:
                    errors += 1
                    print(f"in-process, as {label}, {url}: {problem}")
                counts[kind].append(len(queries))
                worst = max(worst, len(queries))
        shown = ", ".join(f"{kind} {'/'.join(map(str, n))}" for kind, n in counts.items())
        print(f"queries per page as {label}: {shown}")
    return worst, errors


def _check_page(kind: str, response, rows_expected: int, council: bool) -> str:
    """What is wrong with the page, or "": a full table page, a whole dossier (with the
    scores given for a council member: the synthesising office does not see them)."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    body = response.content.decode()
    rows = body.count('data-testid="candidate-row-')
    if kind == "table" and rows != rows_expected:
        return f"{rows} rows instead of {rows_expected}"
    if kind == "search" and not rows:
        return "no candidate found"
    parts = ("dossier", "titles") + (("scores",) if council else ())
    if kind == "dossier" and not all(f'data-testid="{part}"' in body for part in parts):
        return "a part of the dossier is missing"
    if kind == "dossier" and 'id="eligibility"' not in body:
        return "the dossier does not fetch its eligibility panel"
    if kind == "eligibility" and 'data-testid="eligibility"' not in body:
        return "no eligibility verdict"
    return ""


def _htmx_headers(path: str) -> dict:
    """The eligibility panel is asked for by HTMX (a fragment, not a whole page)."""
    return {"HX-Request": "true"} if "/dieu-kien/" in path else {}


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(port: int, log_path: Path, kind: str, conn_max_age) -> subprocess.Popen:
    """Django's threaded development server, DEBUG off, its request log into a file."""
    env = dict(os.environ, DEBUG="0")
    if conn_max_age is not None:
        url = env["DATABASE_URL"]
        env["DATABASE_URL"] = f"{url}{'&' if '?' in url else '?'}conn_max_age={conn_max_age}"
        print(f"server: CONN_MAX_AGE={conn_max_age}")
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    if kind == "runserver":
        command = ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    else:
        command = ["bench/_review_server.py", str(port)]
    print(f"server: {' '.join(command)}")
    server = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server.log = log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (see {log_path})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    _stop_server(server)
    sys.exit(f"the server did not answer on port {port} (see {log_path})")


def _stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    server.log.close()


class _Client:
    """One keep-alive HTTP/1.1 connection; `get` returns milliseconds, counts errors."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.headers = {"Cookie": cookie, "Accept-Language": "vi"}
        self.connection = None
        self.errors = 0
        self.reconnects = 0
        self.last_error = ""

    def get(self, path: str) -> float:
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                headers = {**self.headers, **_htmx_headers(path)}
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()
                if reused and attempt == 1:  # the server closed an idle keep-alive connection
                    self.reconnects += 1
                    started = time.perf_counter()
                    continue
                return self._error(started, f"{path}: {e!r}")
            except Exception as e:  # noqa: BLE001 (any failure is an error to count)
                self.close()
                return self._error(started, f"{path}: {e!r}")
            if response.will_close:
                self.close()
            if response.status != 200:
                return self._error(started, f"{path}: HTTP {response.status}")
            return (time.perf_counter() - started) * 1000
        return self._error(started, path)

    def _error(self, started: float, message: str) -> float:
        self.errors += 1
        if self.errors <= 5:
            print(f"error: {message}")
        return (time.perf_counter() - started) * 1000

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _load(port: int, cookie: str, paths: _Paths, clients: int, seconds: float):
    """`clients` threads, each on its own keep-alive connection, a random page kind each time."""
    times = {kind: [] for kind in KINDS}
    lock = threading.Lock()
    workers = [_Client(port, cookie) for _ in range(clients)]
    stop = [0.0]
    start = threading.Barrier(
        clients, action=lambda: stop.__setitem__(0, time.monotonic() + seconds)
    )

    def run(client: _Client, seed: int) -> None:
        local = random.Random(seed)
        mine = {kind: [] for kind in KINDS}
        start.wait()
        while time.monotonic() < stop[0]:
            kind = local.choice(KINDS)
            mine[kind].append(client.get(paths.next(kind)))
        client.close()
        with lock:
            for kind in KINDS:
                times[kind].extend(mine[kind])

    threads = [
        threading.Thread(target=run, args=(worker, i), daemon=True)
        for i, worker in enumerate(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [t for kind in KINDS for t in times[kind]]
    for kind in KINDS:
        _print_times(f"{clients} clients, {kind}", times[kind])
    _print_times(f"{clients} clients, all", everything)
    reconnects = sum(w.reconnects for w in workers)
    print(
        f"{clients} clients for {seconds:.0f} s: {len(everything)} requests, "
        f"{len(everything) / seconds:.0f} requests/s, {reconnects} reconnects"
    )
    return everything, sum(w.errors for w in workers)


def _load_average() -> str:
    try:
        return " ".join(f"{n:.2f}" for n in os.getloadavg())
    except OSError:
        return "unknown"


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, math.ceil(percent / 100 * len(ordered)) - 1)  # nearest rank
    return ordered[index]


def _print_times(label: str, values: list[float]) -> None:
    print(
        f"{label}: n={len(values)} p50={_percentile(values, 50):.1f} ms "
        f"p95={_percentile(values, 95):.1f} ms max={max(values, default=0):.1f} ms"
    )


if __name__ == "__main__":
    main()
