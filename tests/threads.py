"""Concurrency tests: several threads, each on its own database connection, started at the same moment."""
import threading

from django.db import connection


def run_in_threads(work, n_threads: int):
    """Run work(index) in n_threads threads released together (a barrier); return what they returned, in no
    particular order. A thread that raised or hung fails the test."""
    barrier = threading.Barrier(n_threads)
    results, errors = [], []
    lock = threading.Lock()

    def target(index):
        try:
            barrier.wait(timeout=30)
            value = work(index)
            with lock:
                results.append(value)
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert not errors, errors
    return results
