"""Executors: where the decoding of a build runs. A tiny :class:`Executor` protocol, a registry, the built-in
``local`` process pool and ``ray`` (Ray Data ``map_batches``, an optional extra imported only when chosen).

Both map :func:`careerlens.market.rows.market_rows` over chunks of records and yield one list of rows per
chunk, so a build commits chunk by chunk whichever engine runs it, and the rows are the same to the row.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol

from careerlens.errors import InputError
from careerlens.market.rows import market_rows

CHUNK = 256
RAY_ADDRESS_ENV = "CAREERLENS_RAY_ADDRESS"


class Executor(Protocol):
    """Turns a stream of corpus records into market rows, one list per chunk, memory bounded."""

    name: str

    def map_rows(self, records: Iterable[dict[str, Any]], chunk_size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        """Rows for ``records``, a list per chunk of at most ``chunk_size``; every record gives exactly one row."""
        ...


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    return iter(lambda: list(islice(it, size)), [])


class LocalExecutor:
    """A process pool on this machine (all cores by default); one worker runs in-process."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def map_rows(self, records: Iterable[dict[str, Any]], chunk_size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        if self.workers <= 1:
            for chunk in _chunks(records, chunk_size):
                yield market_rows(chunk)
            return
        with ProcessPoolExecutor(self.workers) as pool:
            # At most two chunks per worker in flight: memory stays flat however long the corpus is.
            pending: list[Future[list[dict[str, Any]]]] = []
            for chunk in _chunks(records, chunk_size):
                pending.append(pool.submit(market_rows, chunk))
                if len(pending) >= 2 * self.workers:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()


def _ray_batch(batch: dict[str, Any]) -> dict[str, list[str]]:
    """Ray Data batch function: JSON records in, JSON rows out (strings keep Arrow's schema trivial)."""
    rows = market_rows([json.loads(text) for text in batch["record"]])
    return {"row": [json.dumps(row) for row in rows]}


class RayExecutor:
    """Ray Data ``map_batches`` on a Ray cluster: ``address`` (or ``$CAREERLENS_RAY_ADDRESS``), else a local Ray.

    The corpus streams through in windows of ``window`` records, each a small dataset, so memory stays flat
    and every finished window is committed before the next is read.
    """

    name = "ray"

    def __init__(self, workers: int | None = None, address: str | None = None, window: int = 4096) -> None:
        self.workers = workers
        self.address = address or os.environ.get(RAY_ADDRESS_ENV) or None
        self.window = window

    def _ray(self) -> Any:
        try:
            import ray
        except ImportError:
            raise InputError("The ray engine needs Ray: pip install 'careerlens[ray]'.") from None
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if self.address:
                kwargs["address"] = self.address
            elif self.workers:
                kwargs["num_cpus"] = self.workers
            ray.init(**kwargs)
        ray.data.DataContext.get_current().enable_progress_bars = False
        return ray

    def map_rows(self, records: Iterable[dict[str, Any]], chunk_size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
        ray = self._ray()
        for window in _chunks(records, self.window):
            items = [{"record": json.dumps(r, default=str)} for r in window]
            dataset = ray.data.from_items(items, override_num_blocks=max(1, len(items) // chunk_size)).map_batches(
                _ray_batch, batch_size=chunk_size, batch_format="numpy"
            )
            for batch in dataset.iter_batches(batch_size=chunk_size, batch_format="numpy"):
                yield [json.loads(text) for text in batch["row"]]


EXECUTORS: dict[str, Callable[..., Executor]] = {"local": LocalExecutor, "ray": RayExecutor}


def get_executor(name: str, workers: int | None = None, **options: Any) -> Executor:
    """The executor registered as ``name`` (``local`` or ``ray``)."""
    try:
        factory = EXECUTORS[name]
    except KeyError:
        raise InputError(f"Unknown engine {name!r}; choose one of: {', '.join(sorted(EXECUTORS))}.") from None
    return factory(workers=workers, **options)
