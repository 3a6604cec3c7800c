"""map_ordered: the same results in the same order, on one core or several; run_apart: a step in a process
of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from builder.core.parallel import map_ordered
from conftest import ROOT


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_results_keep_their_order_across_workers():
    """Run in a fresh interpreter: threads other tests leave behind would keep it serial."""
    script = (
        "import os\n"
        "from builder.core.parallel import map_ordered\n"
        "from test_parallel import _pid_and_square\n"
        "results = map_ordered(_pid_and_square, range(400), min_items=10)\n"
        "assert [s for _, s in results] == [n * n for n in range(400)]\n"
        "pids = {pid for pid, _ in results}\n"
        "print(os.getpid() in pids, len(pids))\n"
    )
    env = {**os.environ, "BRIEFING_WORKERS": "2", "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    # Two processes, as asked: this one did its share and one forked worker the rest.
    assert done.stdout.split() == ["True", "2"]


def _fail_at(n: int) -> int:
    if n in FAILING:
        raise ValueError(f"item {n}")
    return n


FAILING: set[int] = set()


def _first_failures() -> str:
    import test_parallel

    said = []
    for failing in ({5, 15}, {15, 30}, {30}, {399}, {5, 399}, {380, 399}):
        test_parallel.FAILING = failing
        try:
            map_ordered(_fail_at, range(400), min_items=10)
        except ValueError as error:
            said.append(str(error))
    return "; ".join(said)


HERE: list[int] = []  # the items this process ran


def _slow_fail_at_15(n: int) -> int:
    if n == 15:
        raise ValueError("item 15")
    if os.getpid() == PARENT[0]:
        HERE.append(n)
    time.sleep(0.01)
    return n


PARENT = [0]


def _stops_early() -> str:
    PARENT[0] = os.getpid()
    try:
        map_ordered(_slow_fail_at_15, range(400), min_items=10)
    except ValueError as error:
        return f"{error}; {len(HERE)} done here"
    return "no error"


def test_a_workers_failure_stops_this_processs_share_early():
    """Item 15 fails in the worker at once; this process, 10 ms an item, stops its share
    instead of working on (about 200 items, 2 s) until it meets the worker."""
    script = "from test_parallel import _stops_early\nprint(_stops_early())\n"
    env = {**os.environ, "BRIEFING_WORKERS": "2", "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    said, count = done.stdout.split("; ")
    assert said == "item 15" and int(count.split()[0]) < 100, done.stdout


def test_the_first_failure_in_input_order_is_raised_wherever_it_ran():
    """The workers take the items from the front, this process from the back: the earliest
    failing item's error is raised, whichever process met it first."""
    script = "from test_parallel import _first_failures\nprint(_first_failures())\n"
    env = {**os.environ, "BRIEFING_WORKERS": "2", "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "item 5; item 15; item 30; item 399; item 5; item 380"


def test_one_worker_small_batches_and_threaded_callers_stay_in_process(monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    assert {pid for pid, _ in map_ordered(_pid_and_square, range(400), min_items=10)} == {os.getpid()}
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    assert {pid for pid, _ in map_ordered(_pid_and_square, range(5), min_items=10)} == {os.getpid()}
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert {pid for pid, _ in map_ordered(_pid_and_square, range(400), min_items=10)} == {os.getpid()}
    finally:
        stop.set()
        other.join()


def _records_both_ways(base: str) -> bool:
    """Normalize one tree in one process and again in workers; True if every byte agrees.

    Run in a fresh interpreter, where no thread of another test can keep it in one process.
    """
    import datetime as dt
    from pathlib import Path

    import builder.core.parallel
    import builder.sources.records
    from builder.sources.records import normalize_tree
    from conftest import write_tree

    seeds = {
        f"seeds/00{i}_a.txt": f"Headline {i}\nThe company said on Monday that it will ship {i} chips next year.\n"
        for i in range(6)
    }
    seeds["seeds/009_empty.txt"] = ""
    builder.core.parallel.MIN_ITEMS = 2
    pools = []
    real_pool = builder.core.parallel.ProcessPoolExecutor
    builder.core.parallel.ProcessPoolExecutor = lambda *a, **k: pools.append(1) or real_pool(*a, **k)
    results = {}
    for workers in ("1", "2"):
        root = Path(base) / workers
        write_tree(root, seeds)
        os.environ["BRIEFING_WORKERS"] = workers
        written, problems = normalize_tree(root, today=dt.date(2026, 4, 30))
        files = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")
        }
        results[workers] = (written, [str(p) for p in problems], files)
    assert pools == [1], "the second run did not use worker processes"
    # seeds, records and metadata, cache entries
    assert len(results["1"][2]) == 7 + 12 + 6 and "bad-seed" in results["1"][1][0]
    return results["1"] == results["2"]


def test_records_made_in_workers_equal_records_made_here(tmp_path):
    """Normalizing in several processes writes the same bytes and reports the same bad seed."""
    script = f"from test_parallel import _records_both_ways\nprint(_records_both_ways({str(tmp_path)!r}))\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def _link_check_both_ways(base: str) -> str:
    """The link check of one site in one process and in workers; the problems if they agree."""
    from pathlib import Path

    import builder.publish.linkcheck
    import builder.core.parallel
    from conftest import write_tree

    site, marks = Path(base) / "site", Path(base) / "pids"
    pages = {
        f"p{i}/index.html": f'<p id="a{i}">x</p>\n<a href="../p{(i + 1) % 12}/#a{(i + 1) % 12}">next</a> '
                            f'<a href="../p{i}/#gone">gone</a>\n<a href="../q{i}/">missing</a>'
        for i in range(12)
    }
    write_tree(site, pages)
    marks.mkdir()
    builder.core.parallel.MIN_ITEMS = 4
    real_judge = builder.publish.linkcheck._judge_page
    builder.publish.linkcheck._judge_page = (
        lambda shared, index: (marks / str(os.getpid())).touch() or real_judge(shared, index)
    )
    found = {}
    for count in ("1", "2"):
        os.environ["BRIEFING_WORKERS"] = count
        found[count] = [
            f"{p.file}:{p.line}:{p.col}: {p.code}: {p.message}" for p in builder.publish.linkcheck.check_site(site)
        ]
    assert found["1"] == found["2"], (found["1"], found["2"])
    assert {p.name for p in marks.iterdir()} - {str(os.getpid())}, "no page was judged in a worker"
    return "\n".join(found["1"])


def test_link_check_in_workers_equals_one_process(tmp_path):
    """Workers judge each page's links; fragments are looked up once every page is read.
    The problems, their order and positions are those of a one-process check."""
    script = f"from test_parallel import _link_check_both_ways\nprint(_link_check_both_ways({str(tmp_path)!r}))\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    problems = done.stdout.strip().splitlines()
    assert len(problems) == 24
    assert problems[:2] == [
        "site/p0/index.html:2:30: broken-anchor: <a> links to '../p0/#gone', but p0/index.html has no element with id "
        "'gone'",
        "site/p0/index.html:3:1: broken-link: <a> links to '../q0/', but q0/index.html does not exist",
    ]


def _fail(message: str):
    raise ValueError(message)


def _apart_both_ways() -> str:
    """run_apart's result, the process it ran in and an exception it raised, forked and here."""
    from builder.core.parallel import run_apart

    seen = []
    pid, square = run_apart(_pid_and_square, 12)
    seen.append(f"{pid != os.getpid()} {square}")
    try:
        run_apart(_fail, "no such page")
    except ValueError as error:
        seen.append(f"raised {error}")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:  # a process with other threads does not fork: the step runs here
        pid, square = run_apart(_pid_and_square, 3)
        seen.append(f"{pid != os.getpid()} {square}")
    finally:
        stop.set()
        other.join()
    return "; ".join(seen)


def test_a_step_run_apart_returns_its_result_and_raises_its_error(tmp_path):
    """Run in a fresh interpreter, where no thread of another test keeps it in one process."""
    script = "from test_parallel import _apart_both_ways\nprint(_apart_both_ways())\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True 144; raised no such page; False 9"
