"""Work spread over the machine's cores, for the stages that handle one file at a time; and a
step run in a process of its own, so that its memory is given back when it ends.

Results come back in the order of the inputs, so the output never depends on which worker
finished first. Small batches stay in this process: starting workers costs more than it
saves. Workers are forked (no re-import, no re-run of the caller's script), and only from
a process with a single thread: a process with other threads (the preview server) forks
nothing and does the work itself, as forking it could copy a lock another thread holds.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items everything stays in one process. On two cores, on a quiet machine
# (bench/README.md), forking two workers already paid at the smallest size measured, 20 sources
# (20 seeds to normalize, 134 pages to render and link-check: a fifth less wall time, though under
# 0.15 s), and at 1,000 sources saves half of normalize, a seventh of the render and a third of
# the link check. Fewer items than that were not timed; 20 is the smallest size known to pay.
MIN_ITEMS = 20
ENV_WORKERS = "BRIEFING_WORKERS"  # set to 1 to keep everything in one process


def workers() -> int:
    """How many processes to use: BRIEFING_WORKERS, else the cores this process may run on."""
    if os.environ.get(ENV_WORKERS, "").isdigit():
        return max(1, int(os.environ[ENV_WORKERS]))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def map_ordered(function: Callable[[T], R], items: Iterable[T], *, min_items: int | None = None) -> list[R]:
    """``[function(item) for item in items]``, on several cores when there is enough work.

    This process does a share itself beside ``count - 1`` forked workers (``count``: the
    processes used, at most ``workers()``): they take the chunks from the front, this process
    from the back, until they meet. A forked worker copies most of
    the memory it inherits as it reads it (CPython writes reference counts into every object it
    reads): a parent that only waited kept its heap beside each worker's copy (at 5,000
    synthetic sources the render's parent held 1.3 GB and each worker copied about 0.7 GB).
    A worker's failure stops this process's share early; the failure of the first item in
    input order is the one raised. ``function`` must be a module-level function so a fresh
    worker can import it.
    """
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    count = min(workers(), len(items) // max(1, min_items // 2) or 1)
    if count <= 1 or len(items) < min_items or not _can_fork():
        return [function(item) for item in items]
    # Small chunks, all queued for the workers in order; this process takes them from the other
    # end, each one no worker has started yet (a pending future can be cancelled), until the two
    # meet: whoever is faster does more, and nothing is done twice.
    size = max(1, len(items) // (count * 16))
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=count - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_run_chunk, function, chunk) for chunk in chunks]
        failed = [len(chunks)]  # the first chunk a worker has failed on, so far
        for k, future in enumerate(futures):
            future.add_done_callback(functools.partial(_note_failure, failed, k))
        try:
            own: dict[int, list | Exception] = {}
            for k in reversed(range(len(chunks))):
                if failed[0] < k or not futures[k].cancel():
                    break  # an earlier item failed in a worker, or the workers have reached this chunk
                try:
                    own[k] = _run_chunk(function, chunks[k])
                except Exception as error:  # raised below, unless an earlier item failed first
                    own[k] = error
                    break
            results: list = []
            for k in range(len(chunks)):
                outcome = own[k] if k in own else futures[k].result()
                if isinstance(outcome, Exception):
                    raise outcome
                results += outcome
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the first failure in input order stops the rest
            raise
    return results


def _note_failure(failed: list[int], k: int, future) -> None:
    if not future.cancelled() and future.exception() is not None:
        failed[0] = min(failed[0], k)


def _run_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


_SHARED: tuple[Callable, object] | None = None  # what forked workers of map_shared inherit


def map_shared(
    function: Callable[[object, int], R], shared: object, count: int, *, min_items: int | None = None
) -> list[R]:
    """``[function(shared, i) for i in range(count)]``, on several cores when there is enough work.

    For work on data too big to send to each worker (a whole briefing, every page's text):
    workers are forked after ``shared`` is in place, so they inherit it and receive only the
    numbers ``i``; only results travel back. ``function`` may be any callable.
    """
    global _SHARED
    if _SHARED is not None:
        raise RuntimeError("map_shared does not nest")
    _SHARED = (function, shared)
    try:
        return map_ordered(_call_shared, range(count), min_items=min_items)
    finally:
        _SHARED = None


def _call_shared(index: int):
    function, shared = _SHARED
    return function(shared, index)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_apart(function: Callable[..., R], *args: object) -> R:
    """``function(*args)`` in a forked process that ends once it has sent back the result (pickled).

    For a step that builds large structures the rest of the run no longer needs: CPython keeps
    the memory of freed objects for reuse, so a process does not shrink once it is done with
    them, but a process that ends gives all of it back, at once and with nothing to free one
    object at a time. An exception the step raises is raised here. A process that cannot fork
    (other threads, no fork) runs the step itself.
    """
    if not _can_fork():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_outcome, args=(sender, function, args))
    process.start()
    sender.close()
    try:
        done, value = receiver.recv()  # before join: a large result must not wait on a full pipe
    except EOFError:
        process.join()
        raise RuntimeError(f"{function.__name__} ended with exit code {process.exitcode} before returning") from None
    finally:
        receiver.close()
    process.join()
    if not done:
        raise value
    return value


def _send_outcome(sender, function: Callable, args: tuple) -> None:
    try:
        outcome = (True, function(*args))
    except BaseException as error:  # raised again in the parent
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception:  # an exception or a result that does not pickle
        failure = outcome[1] if not outcome[0] else TypeError(f"{function.__name__} returned what cannot be sent back")
        sender.send((False, RuntimeError("".join(traceback.format_exception(failure)).strip())))
