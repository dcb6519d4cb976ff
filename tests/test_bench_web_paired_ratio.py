"""make bench-web's paired ratio: each round's p95 over the floor's p95 of the
same round, the median of the rounds (scripts/bench_web.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_web.py"


def load_bench_web():
    spec = importlib.util.spec_from_file_location("bench_web", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_paired_ratio_pairs_each_round_with_its_own_floor():
    bench_web = load_bench_web()
    page = [{"p95": 10.0}, {"p95": 30.0}, {"p95": 8.0}]
    floor = [{"p95": 5.0}, {"p95": 10.0}, {"p95": 8.0}]
    # Per round 2.0, 3.0, 1.0: the median is 2.0; the medians' ratio would be 10 / 8.
    assert bench_web.paired_ratio(page, floor) == 2.0


def test_the_table_prints_the_paired_ratio_beside_p95_over_the_floor(capsys):
    bench_web = load_bench_web()
    row = {"rps": 100.0, "p50": 10.0, "p95": 20.0, "cpu_ms": 4.0, "errors": 0, "p95_paired": 1.9}
    bench_web.print_table("Page cache off:", [("list, page 1", row)], 10.0)
    lines = capsys.readouterr().out.splitlines()
    assert lines[3] == (
        "| URL                                |   req/s |  p50 ms |  p95 ms | p95/floor |  paired | CPU ms/req | errors |"
    )
    assert lines[5] == (
        "| list, page 1                       |     100 |    10.0 |    20.0 |     2.00x |   1.90x |       4.00 |      0 |"
    )
