"""Benchmark: the public portal over HTTP — home, a section's list, an exemplar's page, search.

    .venv/bin/python bench/portal.py [--scale small|province] [--seed 42] [--samples N]
        [--clients 20] [--seconds S] [--server gunicorn|nodelay|runserver] [--workers N]
        [--threads N] [--cache-url URL] [--conn-max-age S] [--section-index]

Uses DATABASE_URL when set (it must point at an empty database), else a fresh temporary
SQLite file. Generates the synthetic province (generate_dataset), then the portal's content
(bench/_portal_data.py): 50,000 public stories at scale "province" (5,000 at "small") in 12
sections, 5,000 exemplars (500) with published profiles and recorded consent, decisions,
replications, events, images, comments and reactions, and 1 % of stories that are not public
(draft, in review, archived, scheduled) whose titles carry a marker word.

It counts the queries per page in-process (test client, anonymous, the page built as on a
cache miss), checking each page's content, that every search query of the bench finds
something, and that searching the marker word finds nothing. Then it starts the server with
DEBUG off — by default gunicorn as README "Deployment" runs it, with the settings' cache
(CACHE_URL: the database's cache table unless `--cache-url`; `dummycache://` measures without
the page cache); `--server nodelay` is runserver's threaded server (bench/_review_server.py) —
and requests over loopback as anonymous visitors (the public portal needs no sign-in):
  home      the portal's home page;
  section   a section's list of stories (20 per page): half the requests on its first page,
            half on any of its pages;
  exemplar  an exemplar's public page, any of the published profiles at random (so most are
            built afresh: the worst case for the page cache);
  search    the search page, a query drawn from 80 (names with and without accents, words of
            a title, topics matching thousands of stories, units); search is never cached.
Single client: p50/p95 per kind and the server's CPU time per request (all its processes).
Then 20 concurrent clients (threads, one keep-alive connection each while the server keeps
it, kinds drawn at random) for 30 s (10 s at "small"): p50/p95/p99, per kind, and apart for
pages served from the page cache and pages built. Errors are non-200 responses, exceptions
and pages whose content is wrong. Ends with one line:
    bench portal: clients=20 requests=… errors=… p50_ms=… p95_ms=… p99_ms=…
    search_p95_ms=… search_single_p95_ms=…
"""

import argparse
import http.client
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import review  # noqa: E402  (bench/review.py: the same server handling and figures)
from review import _free_port, _load_average, _percentile, _print_times, _Quiet  # noqa: E402

SCALES = {
    # public stories, exemplar profiles, single-client samples per page kind, seconds under load
    "province": (50_000, 5_000, 100, 30),
    "small": (5_000, 500, 40, 10),
    "tiny": (400, 60, 20, 3),
}
KINDS = ("home", "section", "exemplar", "search")
TARGET_P95_MS = 150
TARGET_SEARCH_SINGLE_MS = 50
TARGET_QUERIES = 15
# Proposed for Story.Meta.indexes: a section's public stories, newest first, and their count.
SECTION_INDEX = "section_id, status, published_at"


def main() -> None:
    args = _arguments()
    stories, profiles, samples, seconds = SCALES[args.scale]
    samples = args.samples or samples
    seconds = args.seconds or seconds

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guongsang.settings")
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="gs-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    if args.cache_url:
        os.environ["CACHE_URL"] = args.cache_url

    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings
    from django.db import connection

    from guongsang.demo.management.commands.generate_dataset import Command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command(Command(), seed=args.seed, scale=args.scale, stdout=_Quiet())
    print(f"dataset ready in {time.monotonic() - started:.1f} s ({connection.vendor})")

    import _portal_data

    started = time.monotonic()
    data = _portal_data.build(stories=stories, profiles=profiles, seed=args.seed)
    figures = ", ".join(f"{key} {value:,}" for key, value in data.figures.items())
    print(f"portal content built in {time.monotonic() - started:.1f} s: {figures}")
    if args.section_index:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX bench_story_section ON stories_story ({SECTION_INDEX})")
            cursor.execute("ANALYZE stories_story")
        print(f"added the index stories_story ({SECTION_INDEX})")
    print(f"page cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")

    paths = _Paths(data, random.Random(args.seed))
    max_queries, query_errors = _count_queries(data, paths)
    _clear_cache()  # the server starts cold
    connection.close()

    port = _free_port()
    log_path = Path(tmp.name if tmp else tempfile.gettempdir()) / f"bench-portal-{port}.log"
    server = _start_server(port, log_path, args)
    print(f"machine: {os.cpu_count()} CPUs, load average {_load_average()} before measuring")
    try:
        single, single_errors = _single(port, paths, samples, server.pid, args.workers)
        loaded, loaded_errors = _load(port, paths, args.clients, seconds)
    finally:
        review._stop_server(server)
    print(f"machine: load average {_load_average()} after measuring")
    _report(args, log_path, tmp, single, loaded, max_queries,
            (query_errors, single_errors, loaded_errors))  # fmt: skip


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(SCALES), default="province")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--samples", type=int, help="single-client requests per page kind")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, help="duration of the concurrent run")
    parser.add_argument(
        "--server", choices=["gunicorn", "nodelay", "runserver"], default="gunicorn",
        help="gunicorn (as deployed), runserver's server with TCP_NODELAY, or runserver",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--cache-url",
        help="the server's CACHE_URL (default: the settings'); dummycache:// measures the "
        "pages without the portal's page cache",
    )
    parser.add_argument(
        "--conn-max-age", type=int,
        help="give the server persistent database connections (CONN_MAX_AGE); default: settings",
    )  # fmt: skip
    parser.add_argument(
        "--section-index", action="store_true",
        help=f"add the index proposed for Story.Meta.indexes ({SECTION_INDEX}) first, to "
        "measure what it would change",
    )  # fmt: skip
    return parser.parse_args()


class _Paths:
    """The URLs to request, drawn at random."""

    def __init__(self, data, rng: random.Random):
        from django.urls import reverse

        from guongsang.portal import selectors_pages
        from guongsang.portal.views import MAX_PAGES, PAGE_SIZE

        self.rng = rng
        self.lock = threading.Lock()
        self.home = reverse("portal:home")
        self.sections = []  # (path, pages)
        for section in selectors_pages.sections():
            count = selectors_pages.section_stories(section).count()
            pages = max(1, min(MAX_PAGES, -(-count // PAGE_SIZE)))
            self.sections.append((reverse("portal:section_detail", args=[section.slug]), pages))
        self.profiles = [
            reverse("portal:profile_detail", kwargs={"pk": pk, "slug": slug})
            for pk, slug in data.profiles
        ]
        self.queries = data.search_queries

    @staticmethod
    def search(query: str) -> str:
        from django.urls import reverse

        return f"{reverse('portal:search')}?{urllib.parse.urlencode({'q': query})}"

    def next(self, kind: str) -> str:
        with self.lock:
            if kind == "home":
                return self.home
            if kind == "section":
                path, pages = self.rng.choice(self.sections)
                page = 1 if self.rng.random() < 0.5 else self.rng.randint(1, pages)
                return path if page == 1 else f"{path}?page={page}"
            if kind == "exemplar":
                return self.rng.choice(self.profiles)
            query = self.rng.choice(self.queries)
        return self.search(query)


def kind_of(path: str) -> str:
    for kind, part in (("search", "/tim-kiem/"), ("section", "/chuyen-muc/"),
                       ("exemplar", "/dien-hinh/")):  # fmt: skip
        if part in path:
            return kind
    return "home"


def check_page(path: str, status: int, body: bytes) -> str:
    """What is wrong with the page, or "": its status, its own content, and no marker of a
    story that is not public."""
    import _portal_data

    if status != 200:
        return f"HTTP {status}"
    if _portal_data.HIDDEN_MARKER.encode() in body:
        return "a story that is not public is shown"
    kind = kind_of(path)
    if kind == "home" and body.count(b'data-testid="story-card-') != 8:
        return "the home page does not show the 8 latest stories"
    if kind == "home" and b'data-testid="profile-card-' not in body:
        return "the home page shows no featured exemplar"
    if kind == "section" and not body.count(b'data-testid="story-card-'):
        return "the section lists no story"
    parts = (b'data-testid="profile"', b'data-testid="profile-decisions"')
    if kind == "exemplar" and not all(part in body for part in parts):
        return "a part of the exemplar's page is missing"
    if kind == "search" and b'data-testid="search-results"' not in body:
        return "no search result"
    return ""


class _Client:
    """One HTTP/1.1 connection (kept alive while the server keeps it), anonymous; `get`
    checks the page, returns milliseconds and notes whether the page came from the cache."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None
        self.errors = 0
        self.by_state = defaultdict(list)  # X-Cache (hit, miss; none for search) -> times

    def get(self, path: str) -> float:
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request("GET", path, headers={"Accept-Language": "vi"})
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()
                if reused and attempt == 1:  # the server closed an idle keep-alive connection
                    started = time.perf_counter()
                    continue
                return self._error(started, f"{path}: {e!r}")
            except Exception as e:  # noqa: BLE001 (any failure is an error to count)
                self.close()
                return self._error(started, f"{path}: {e!r}")
            elapsed = (time.perf_counter() - started) * 1000
            if response.will_close:
                self.close()
            problem = check_page(path, response.status, body)
            if problem:
                return self._error(started, f"{path}: {problem}")
            self.by_state[response.getheader("X-Cache", "none")].append(elapsed)
            return elapsed
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


def _count_queries(data, paths: _Paths) -> tuple[int, int]:
    """Queries per page in-process, anonymous: each kind on three pages, the marker searched."""
    import _portal_data
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    profiles = paths.profiles
    section, pages = paths.sections[0]
    samples = {
        "home": [paths.home] * 3,
        "section": [section, f"{section}?page={pages // 2 or 1}", f"{section}?page={pages}"],
        "exemplar": [profiles[0], profiles[len(profiles) // 2], profiles[-1]],
        "search": [paths.search(q) for q in data.search_queries[:3]],
    }
    client = Client()
    client.get(paths.home)  # first request: per-process caches (content types…)
    worst, errors, counts = 0, 0, {}
    for kind, urls in samples.items():
        counts[kind] = []
        for url in urls:
            # Inside a transaction the page cache stays out: the page is built, as on a miss.
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            problem = check_page(url, response.status_code, response.content)
            if problem:
                errors += 1
                print(f"in-process, {url}: {problem}")
            counts[kind].append(len(queries))
            worst = max(worst, len(queries))
    shown = ", ".join(f"{kind} {'/'.join(map(str, n))}" for kind, n in counts.items())
    print(f"queries per page (anonymous, built as on a cache miss): {shown}")
    for query in [*data.search_queries, _portal_data.HIDDEN_MARKER]:
        path = paths.search(query)
        response = client.get(path)
        found = b'data-testid="search-results"' in response.content
        if response.status_code != 200 or found == (query == _portal_data.HIDDEN_MARKER):
            errors += 1
            print(f"in-process, search {query!r}: HTTP {response.status_code}, found {found}")
    return worst, errors


def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def _start_server(port: int, log_path: Path, args) -> subprocess.Popen:
    """gunicorn as deployed (README "Deployment"), or runserver's server; DEBUG off."""
    if args.server != "gunicorn":
        return review._start_server(port, log_path, args.server, args.conn_max_age)
    env = dict(os.environ, DEBUG="0")
    if args.conn_max_age is not None:
        url = env["DATABASE_URL"]
        env["DATABASE_URL"] = f"{url}{'&' if '?' in url else '?'}conn_max_age={args.conn_max_age}"
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "guongsang.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
        "--threads", str(args.threads), "--access-logfile", "-",
    ]  # fmt: skip
    print(f"server: gunicorn guongsang.wsgi --workers {args.workers} --threads {args.threads}")
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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
    review._stop_server(server)
    sys.exit(f"the server did not answer on port {port} (see {log_path})")


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and of its children (gunicorn's workers); Linux /proc."""
    total = review._cpu_seconds(pid)
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        children = {int(c) for task in tasks for c in (task / "children").read_text().split()}
    except OSError:
        return total
    return total + sum(review._cpu_seconds(child) for child in children)


def _single(port: int, paths: _Paths, samples: int, server_pid: int, workers: int):
    """One client, one page kind after the other."""
    client = _Client(port)
    for kind in KINDS:  # warm every worker up: templates, translations, database caches
        for _ in range(max(10, 5 * workers)):
            client.get(paths.next(kind))
    client.errors = 0
    client.by_state.clear()
    single, cpu = {kind: [] for kind in KINDS}, {}
    for kind in KINDS:
        started = _cpu_seconds(server_pid)
        for _ in range(samples):
            single[kind].append(client.get(paths.next(kind)))
        cpu[kind] = (_cpu_seconds(server_pid) - started) * 1000 / samples
    client.close()
    for kind in KINDS:
        _print_times(f"single client, {kind}", single[kind])
    shown = ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in cpu.items())
    print(f"server CPU time per request (single client): {shown}")
    return single, client.errors


def _load(port: int, paths: _Paths, clients: int, seconds: float):
    """`clients` threads, each on its own connection, a random page kind each time."""
    times = {kind: [] for kind in KINDS}
    by_state = defaultdict(list)
    lock = threading.Lock()
    workers = [_Client(port) for _ in range(clients)]
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
            for state, values in client.by_state.items():
                by_state[state].extend(values)

    threads = [
        threading.Thread(target=run, args=(w, i), daemon=True) for i, w in enumerate(workers)
    ]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = time.process_time() - cpu
    everything = [t for kind in KINDS for t in times[kind]]
    for kind in KINDS:
        _print_times(f"{clients} clients, {kind}", times[kind])
    for state, label in (("hit", "from the page cache"), ("miss", "built (cache miss)"),
                         ("none", "search (not cached)")):  # fmt: skip
        _print_times(f"{clients} clients, pages {label}", by_state[state])
    _print_times(f"{clients} clients, all", everything)
    print(
        f"{clients} clients for {seconds:.0f} s: {len(everything)} requests, "
        f"{len(everything) / seconds:.0f} requests/s, p99 {_percentile(everything, 99):.1f} ms; "
        f"the clients' own CPU time {cpu * 1000 / max(1, len(everything)):.1f} ms per request"
    )
    return times, sum(w.errors for w in workers)


def _report(args, log_path, tmp, single, loaded, max_queries, errors_by_stage) -> None:
    errors = sum(errors_by_stage)
    if errors:
        print("errors: {} in-process, {} single, {} loaded".format(*errors_by_stage))
        print(f"server log: {log_path}")
    everything = [t for kind in KINDS for t in loaded[kind]]
    p95 = _percentile(everything, 95)
    search_p95 = _percentile(loaded["search"], 95)
    search_single = _percentile(single["search"], 95)
    missed = [
        f"{label} {value:.1f} ms > {target} ms"
        for label, value, target in (
            ("p95 under load", p95, TARGET_P95_MS),
            ("search p95 under load", search_p95, TARGET_P95_MS),
            ("single-client search p95", search_single, TARGET_SEARCH_SINGLE_MS),
        )
        if value > target
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
        f"bench portal: clients={args.clients} requests={len(everything)} errors={errors} "
        f"p50_ms={_percentile(everything, 50):.1f} p95_ms={p95:.1f} "
        f"p99_ms={_percentile(everything, 99):.1f} search_p95_ms={search_p95:.1f} "
        f"search_single_p95_ms={search_single:.1f}"
    )


if __name__ == "__main__":
    main()
