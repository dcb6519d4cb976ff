"""make bench-web: the public catalogue at 100,000 calls, served like production.

1. Creates (once) a PostgreSQL database ``nidaa_bench`` and fills it with
   100,000 generated calls: French and Arabic text drawn from Zipf-distributed
   vocabularies (fixed seed), 5% open, the rest closed or awarded, each linked
   to a commune. A database that already holds them is reused.
2. Serves the app with gunicorn (sync workers, two per CPU, persistent
   connections) on 127.0.0.1, with the floor view (``/bench/floor/``) switched on.
3. Measures each URL with wrk (16 connections, bounded time), in rounds (every
   URL once per round, so a burst of outside load hits all of them), and
   prints requests/s, the median p50 and p95 of the rounds and the ratio of
   p95 to the floor's p95 (the medians' ratio, and "paired": each round's p95
   over that round's floor p95, the median of the rounds), with the machine's
   load average before and after.

Every URL is measured twice: with the page cache off (``NIDAA_PAGE_CACHE=0``:
every page a miss, rendered from the database) and on (a hit: the rendered
fragments of nidaa/calls/page_cache.py). Beside the wall-clock figures it
prints the CPU time the gunicorn workers spent per request (from /proc), and
at the end the CPU time of the whole run (this process and its children):
the machine is shared, so CPU time says what the code costs when wall time
says what the neighbours did.

``--in-process N`` skips gunicorn and wrk: it times N requests per URL through
Django's test client in this process (one request at a time, so the figures
are the cost of a request, not the queueing of 16 connections on 2 CPUs),
wall and CPU time, with the page cache off and on.

Only 127.0.0.1 traffic; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))

FR_WORDS = (
    "projet formation atelier renforcement capacités société civile association consultant formateur "
    "évaluation diagnostic territorial plaidoyer gouvernance locale commune élus participation citoyenne "
    "égalité genre femmes jeunes inclusion économique développement durable environnement eau climat "
    "santé éducation droits humains accès justice migration emploi entrepreneuriat coopérative agriculture "
    "rurale montagne oasis patrimoine culture communication digitale numérique données suivi rapport final "
    "livrable méthodologie note technique offre financière chronogramme animation module session "
    "participants bénéficiaires partenaires bailleur union européenne coopération allemande programme appui "
    "budget transparence redevabilité planification stratégique plan action communal diagnostic participatif "
    "étude terrain enquête questionnaire analyse recommandations conclusions synthèse restitution validation "
    "expert junior senior coordinateur chargé mission recrutement poste contrat durée jours région province"
).split()
AR_WORDS = (
    "مشروع تكوين ورشة تعزيز القدرات المجتمع المدني جمعية خبير مكون تقييم تشخيص ترابي الترافع الحكامة المحلية "
    "جماعة المنتخبين المشاركة المواطنة المساواة النوع الاجتماعي النساء الشباب الإدماج الاقتصادي التنمية "
    "المستدامة البيئة الماء المناخ الصحة التعليم حقوق الإنسان الولوج العدالة الهجرة التشغيل المقاولة "
    "التعاونيات الفلاحة القروية الجبل الواحات التراث الثقافة التواصل الرقمي المعطيات التتبع التقرير النهائي "
    "المنهجية المذكرة العرض المالي الجدول الزمني التنشيط المستفيدين الشركاء المبادرة الإقليم الجهة"
).split()
RARE_WORD = "palmeraie"  # put in a handful of calls only
TYPES = ["consultant", "trainer", "expert", "staff", "firm", "other"]


# How the app is served, by gunicorn or in-process: the floor view routed, no
# DEBUG, persistent connections, and a search rate limit wrk (one client)
# never reaches but every search still checks, as in production.
SERVED_AS = {
    "NIDAA_BENCH": "1",
    "DEBUG": "0",
    # wrk speaks plain HTTP to 127.0.0.1.
    "SECURE_SSL_REDIRECT": "0",
    "DB_CONN_MAX_AGE": "600",
    "NIDAA_SEARCH_RATE_LIMIT": "100000000/m",
}


def zipf_sampler(words: list[str], rng: random.Random):
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return lambda k: rng.choices(words, weights=weights, k=k)


def sentence(sample, rng: random.Random, low: int, high: int) -> str:
    return " ".join(sample(rng.randint(low, high)))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nidaa.settings")
    # Production settings (DEBUG off) refuse to start without a strong key.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def ensure_database(admin_url: str, name: str) -> None:
    import psycopg

    # The maintenance database "postgres" always exists; the project's may not.
    with psycopg.connect(admin_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def load(count: int, seed: int) -> None:
    """Generate ``count`` published/closed calls unless they are already there."""
    from django.core.management import call_command
    from django.db import connection

    from nidaa.accounts.models import Organization
    from nidaa.calls.models import Call
    from nidaa.directory.models import Territory
    from nidaa.tor.places import fold

    call_command("migrate", verbosity=0)
    have = Call.objects.count()
    if have >= count:
        print(f"== {have} calls already loaded: reusing the database")
        analyze()
        return
    Call.objects.all().delete()
    rng = random.Random(seed)
    fr, ar = zipf_sampler(FR_WORDS, rng), zipf_sampler(AR_WORDS, rng)
    orgs = [
        Organization.objects.get_or_create(
            slug=f"bench-org-{n}", defaults={"name": f"Association Bench {n}"}
        )[0]
        for n in range(200)
    ]
    communes = list(Territory.objects.filter(kind="commune"))
    now = datetime.now(UTC)
    started = time.monotonic()
    batch: list[Call] = []
    links: list[tuple[int, int]] = []
    through = Call.territories.through
    for n in range(count):
        arabic = rng.random() < 0.3
        sample = ar if arabic else fr
        is_open = rng.random() < 0.05
        deadline = (
            now + timedelta(days=rng.uniform(1, 60))
            if is_open
            else now - timedelta(days=rng.uniform(1, 3000))
        )
        commune = rng.choice(communes)
        title = sentence(sample, rng, 5, 10)
        if n % 20000 == 7:
            title += f" {RARE_WORD}"
        call = Call(
            organization=rng.choice(orgs),
            status="published" if is_open else rng.choice(["closed", "awarded"]),
            published_at=deadline - timedelta(days=30),
            title=title[:500],
            call_type=rng.choice(TYPES),
            issuer="",
            project=sentence(sample, rng, 3, 8),
            partners_funders=[rng.choice(["Union européenne", "GIZ", "Enabel", "AFD", "USAID", "UNICEF"])],
            deadline=deadline,
            deadline_has_time=True,
            locations=[commune.name_ar if arabic else commune.name_fr],
            languages=["ar"] if arabic else ["fr"],
            document_language="ar" if arabic else "fr",
            objectives=[sentence(sample, rng, 8, 20) for _ in range(3)],
            tasks=[sentence(sample, rng, 8, 20) for _ in range(4)],
            profile=[sentence(sample, rng, 6, 14) for _ in range(3)],
            deliverables=[sentence(sample, rng, 4, 10) for _ in range(3)],
            submission_emails=["recrutement@example.org"],
            email_subject=f"Candidature {n}",
            sha256=f"{n:064x}",
        )
        call.issuer = call.organization.name
        call._commune = commune  # type: ignore[attr-defined]
        batch.append(call)
        if len(batch) == 2000 or n == count - 1:
            for c in batch:
                # The services' refresh_search_document, without one query per call.
                c.search_document = search_document_for_offline(c, fold)
                c.funders_document = fold(" | ".join(c.partners_funders))
            Call.objects.bulk_create(batch)
            links += [(c.pk, c._commune.pk) for c in batch]  # type: ignore[attr-defined]
            batch = []
    through.objects.bulk_create([through(call_id=c, territory_id=t) for c, t in links], batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE calls_call")
    analyze()
    print(f"== loaded {count} calls in {time.monotonic() - started:.0f} s")


def analyze() -> None:
    """Planner statistics and no dead rows, as autovacuum keeps them in
    production: without statistics the call page's territories (a freshly
    loaded link table) are read with a nested loop over every territory, and a
    migration that rewrites the calls leaves a dead copy of each."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def search_document_for_offline(call, fold) -> str:
    """search_document_for without its queries (organisation and commune are in hand)."""
    parts = [call.title, call.issuer, call.organization.name, call.project, *call.locations]
    parts += [call._commune.name_fr, call._commune.name_ar, *call.partners_funders]
    parts += [*call.objectives, *call.tasks, *call.profile, *call.deliverables]
    return fold(" \n ".join(p for p in parts if p))


WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.3f %d %d %d %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(95), summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def measure(url: str, seconds: int, connections: int, script: str) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    match = re.search(r"RESULT (\d+) ([\d.]+) (\d+) (\d+) (\d+) (\d+)", out)
    if not match:
        raise RuntimeError(out)
    requests, duration, p50, p95, status_errors, socket_errors = match.groups()
    return {
        "rps": int(requests) / float(duration),
        "p50": int(p50) / 1000,
        "p95": int(p95) / 1000,
        "errors": int(status_errors) + int(socket_errors),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def format_load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def combine(rounds: list[dict[str, float]]) -> dict[str, float]:
    """One URL's rounds: requests/s over all of them, the median p50 and p95."""

    def median(key: str) -> float:
        values = sorted(r[key] for r in rounds)
        return values[len(values) // 2]

    combined = {
        "rps": sum(r["rps"] for r in rounds) / len(rounds),
        "p50": median("p50"),
        "p95": median("p95"),
        "errors": sum(r["errors"] for r in rounds),
    }
    # The workers' CPU per request is there when the caller measured it
    # (bench-web does; bench-evaluation's rounds have none).
    if all("cpu_ms" in r for r in rounds):
        combined["cpu_ms"] = median("cpu_ms")
    return combined


def paired_ratio(rounds: list[dict[str, float]], floor_rounds: list[dict[str, float]]) -> float:
    """A URL's p95 over the floor's p95 of the same round, the median over the
    rounds: the floor's own p95 drifts (2x between runs on a shared VM), and a
    round's pair moves with it, so the ratio says what the page costs, not what
    the neighbours did while it was measured."""
    ratios = sorted(r["p95"] / (f["p95"] or 1) for r, f in zip(rounds, floor_rounds, strict=True))
    return ratios[len(ratios) // 2]


def wait_until_up(base: str, limit: float = 120) -> None:
    # Generous: on a shared machine under load, four workers importing Django
    # and the first request's connection can take more than 30 s.
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/bench/floor/", timeout=2).read()  # noqa: S310 (127.0.0.1)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def _p(values: list[float], share: int) -> float:
    """The ``share`` percentile of sorted ``values``."""
    return values[max(0, -(-len(values) * share // 100) - 1)]


def in_process(urls: list[tuple[str, str]], count: int) -> int:
    """Median and p95 of ``count`` requests per URL through the test client,
    wall and CPU, with the page cache off (a miss each time) and on (a hit)."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-pages"}
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    for label_cache, pages_cache in (("miss (page cache off)", dummy), ("hit (page cache on)", pages)):
        print(f"\nin-process, {label_cache}, {count} requests per URL, one at a time\n")
        print(f"| {'URL':<34} | {'p50 ms':>7} | {'p95 ms':>7} | {'CPU p50':>7} | {'CPU p95':>7} |")
        print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
        caches_setting = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": pages_cache,
        }
        with override_settings(ALLOWED_HOSTS=["testserver"], CACHES=caches_setting):
            assert isinstance(caches["pages"], DummyCache) == (pages_cache is dummy)
            for label, path in urls:
                for _ in range(3):  # warm: connection, caches
                    client.get(path)
                walls, cpus = [], []
                for _ in range(count):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get(path)
                    cpus.append((time.process_time() - cpu_started) * 1000)
                    walls.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
                walls.sort()
                cpus.sort()
                print(
                    f"| {label:<34} | {_p(walls, 50):>7.1f} | {_p(walls, 95):>7.1f} | "
                    f"{_p(cpus, 50):>7.1f} | {_p(cpus, 95):>7.1f} |"
                )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\nCPU time of this process: {usage.ru_utime + usage.ru_stime:.1f} s")
    return 0


def _workers_cpu(master: int) -> float:
    """CPU seconds (user + system) spent so far by the gunicorn workers of
    ``master`` (its children, from /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # After the command: state, ppid, ..., utime (14th field of stat) and stime.
        if int(fields[1]) == master:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def serve_and_measure(
    args: argparse.Namespace, urls: list[tuple[str, str]], env: dict[str, str], page_cache: bool
) -> list[tuple[str, dict[str, float]]]:
    """Start gunicorn with the page cache on or off, measure every URL in
    rounds, stop it; each URL's figures with its workers' CPU per request."""
    env = {**env, "NIDAA_PAGE_CACHE": "1" if page_cache else "0"}
    # A free port unless one is given: another server left on a fixed port (a
    # runserver on 8765) would otherwise answer instead of gunicorn and be measured.
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "nidaa.wsgi",
            "-w",
            str(args.workers),
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_up(base)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(WRK_SCRIPT)
        for _label, path in urls:
            for _ in range(4):  # warm every worker (connections, caches)
                urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 (127.0.0.1)
        # Rounds: a burst of load from outside the benchmark (other processes on
        # the machine) then falls on every URL of a round, not on one URL's figures.
        rounds: dict[str, list[dict[str, float]]] = {label: [] for label, _path in urls}
        for _round in range(args.rounds):
            for label, path in urls:
                cpu_before = _workers_cpu(server.pid)
                result = measure(base + path, args.seconds, args.connections, handle.name)
                requests = max(1.0, result["rps"] * args.seconds)
                result["cpu_ms"] = (_workers_cpu(server.pid) - cpu_before) * 1000 / requests
                rounds[label].append(result)
        os.unlink(handle.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    floor_rounds = rounds[urls[0][0]]
    return [
        (label, {**combine(rounds[label]), "p95_paired": paired_ratio(rounds[label], floor_rounds)})
        for label, _path in urls
    ]


def print_table(title: str, results: list[tuple[str, dict[str, float]]], floor_p95: float) -> None:
    print(f"\n{title}\n")
    # "paired": each round's p95 over the floor's p95 of that round, the median of
    # the rounds (paired_ratio); "p95/floor" divides the medians.
    print(
        f"| {'URL':<34} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'p95/floor':>9} | {'paired':>7} | "
        f"{'CPU ms/req':>10} | errors |"
    )
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 11}|{'-' * 9}|{'-' * 12}|--------|")
    for label, r in results:
        print(
            f"| {label:<34} | {r['rps']:>7.0f} | {r['p50']:>7.1f} | {r['p95']:>7.1f} | "
            f"{r['p95'] / floor_p95:>8.2f}x | {r['p95_paired']:>6.2f}x | {r['cpu_ms']:>10.2f} | {r['errors']:>6} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=5, help="per URL and round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        # Five: a burst of outside load in one or two rounds moves no median.
        help="every URL is measured once per round; p50/p95 are the rounds' medians",
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn sync workers"
    )
    parser.add_argument(
        "--in-process", type=int, default=0, metavar="N", help="time N requests per URL in-process"
    )
    parser.add_argument("--pg", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/nidaa"))
    parser.add_argument("--database", default="nidaa_bench")
    args = parser.parse_args()

    database_url = args.pg.rsplit("/", 1)[0] + "/" + args.database
    ensure_database(args.pg, args.database)
    if args.in_process:  # served as under gunicorn below
        os.environ.update(SERVED_AS)
    setup_django(database_url)
    load(args.calls, args.seed)

    from nidaa.calls.models import Call
    from nidaa.tor.places import default_gazetteer

    call = Call.objects.filter(status="published").order_by("deadline").only("id").first()
    region = next(p.code for p in default_gazetteer().places if p.kind == "region")
    urls = [
        ("floor (20 rows, minimal template)", "/bench/floor/"),
        ("list, page 1", "/fr/"),
        ("list, page 2,500", "/fr/?page=2500"),
        ('search "projet" (common)', "/fr/?q=projet"),
        (f'search "{RARE_WORD}" (rare)', f"/fr/?q={RARE_WORD}"),
        ("search + type + region", f"/fr/?q=formation&type=trainer&region={region}"),
        ("search in Arabic", "/fr/?q=%D8%A7%D9%84%D9%85%D8%A8%D8%A7%D8%AF%D8%B1%D9%87"),
        ("call page", f"/fr/calls/{call.pk if call else 1}/"),
    ]
    if args.in_process:
        return in_process(urls, args.in_process)
    env = {**os.environ, **SERVED_AS, "DATABASE_URL": database_url, "ALLOWED_HOSTS": "127.0.0.1"}
    load_before = format_load()
    wall_started = time.monotonic()
    misses = serve_and_measure(args, urls, env, page_cache=False)
    hits = serve_and_measure(args, urls, env, page_cache=True)
    wall = time.monotonic() - wall_started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu = children.ru_utime + children.ru_stime + own.ru_utime + own.ru_stime

    print(f"\nload average before: {load_before}, after: {format_load()}")
    print(
        f"\n{args.calls} calls, gunicorn {args.workers} sync workers, wrk {args.connections} connections, "
        f"{args.rounds} rounds of {args.seconds} s per URL (p50, p95, CPU: median of the rounds; "
        "CPU ms/req: the gunicorn workers' CPU time per request, PostgreSQL's not included)"
    )
    # The floor renders no catalogue fragment: its p95 in each run is that run's yardstick.
    print_table("Page cache off (every page a miss):", misses, misses[0][1]["p95"] or 1)
    print_table("Page cache on (a hit):", hits, hits[0][1]["p95"] or 1)
    print(
        f"\nmeasuring: {wall:.0f} s wall; CPU time of the whole run (this process, wrk, gunicorn, "
        f"PostgreSQL not included): {cpu:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
