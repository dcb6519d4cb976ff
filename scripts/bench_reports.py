"""The results' phase of make bench-missions (issue 15), after the 60,000
responses are in: the tabulation (``compute_results``, cold), the results
page p95 (in-process through Django's test client, as ``bench-web
--in-process`` serves, the tabulation cached under its records version; the
first request is reported apart: the import's task has tabulated into the
cache, so it reads it rather than filling it), and the final
report's PDF and DOCX for the 400-session mission, downloaded twice: the
first download prints and keeps it, the second reads the kept file. Prints
wall and CPU."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench_reports(*, mission: Any, client: Any, requests: int, cpu_seconds: Callable[[], float]) -> None:
    import pypdfium2

    from nidaa.reports.results import compute_results

    started, before = time.perf_counter(), cpu_seconds()
    results = compute_results(mission)
    seconds, used = time.perf_counter() - started, cpu_seconds() - before
    overall = results.figures["overall"]
    print(
        f"tabulation: {seconds:.2f} s (CPU {used:.2f} s) for {overall['paired'] + overall['pre_only'] + overall['post_only']:,} "
        f"participant-modules, {len(results.figures['by_session'])} sessions, {len(results.figures['by_zone'])} zones; "
        f"paired {overall['paired']:,}, pre {overall['pre_mean']} → post {overall['post_mean']}, "
        f"satisfaction {overall['satisfaction']}"
    )

    url = f"/fr/missions/{mission.pk}/results/"
    t, c = time.perf_counter(), cpu_seconds()
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    print(f"results page, first request (cache warmed by the import's task): {(time.perf_counter() - t) * 1000:.0f} ms "
          f"(CPU {(cpu_seconds() - c) * 1000:.0f} ms)")  # fmt: skip
    times, cpu_times = [], []
    for _ in range(requests):
        t, c = time.perf_counter(), cpu_seconds()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        cpu_times.append((cpu_seconds() - c) * 1000)
        assert response.status_code == 200
    print(
        f"results page: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms "
        f"(CPU p95 {percentile(cpu_times, 0.95):.0f} ms; {requests} requests, in-process)"
    )

    # The downloads as a user makes them: the first prints the report and keeps
    # it in the storage under its records version, the next reads the kept file.
    for language, fmt in (("fr", "pdf"), ("ar", "pdf"), ("fr", "docx"), ("ar", "docx")):
        url = f"/{language}/missions/{mission.pk}/report.{fmt}?lang={language}"
        timings = []
        for _ in range(2):
            t, c = time.perf_counter(), cpu_seconds()
            response = client.get(url)
            timings.append((time.perf_counter() - t, cpu_seconds() - c))
            assert response.status_code == 200, response.status_code
        data = response.content
        pages = ""
        if fmt == "pdf":
            document = pypdfium2.PdfDocument(data)
            pages = f"{len(document)} pages, "
            document.close()
        (first, first_cpu), (kept, kept_cpu) = timings
        print(
            f"report {fmt.upper()} ({language}): {pages}{len(data) / 1e6:.1f} MB; first download (prints and keeps) "
            f"{first:.2f} s (CPU {first_cpu:.2f} s), kept download {kept * 1000:.0f} ms (CPU {kept_cpu * 1000:.0f} ms)"
        )
