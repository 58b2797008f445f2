"""Running pathways on Dask (`dask.distributed`): a LocalCluster, or an existing cluster by address.

Monte Carlo draws are made once, here, from the seed; only the projection of each chunk of members
runs on the workers. The engine's arithmetic per member does not depend on the chunk, so the
result is identical (bit for bit) to the single-process run. Several scenarios (a national run:
one per province) are mapped the same way, one task per scenario.

Dask is an optional dependency (extra `dist`); it is imported only when a cluster is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tanda.pathways.drivers import Model
from tanda.pathways.montecarlo import MemberPaths
from tanda.pathways.results import RunResult, run
from tanda.pathways.scenario import Scenario


@contextmanager
def client(scheduler: str | None = None, workers: int = 1, processes: bool = False) -> Iterator[Any]:
    """A Dask client: to `scheduler` (tcp://host:port) if given, else to a new LocalCluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


def mapper(dask_client: Any) -> Callable[[Callable[..., MemberPaths], Model, list[dict]], list[MemberPaths]]:
    """A `montecarlo.run` mapper that projects chunks of members on the cluster."""

    def run_chunks(fn: Callable[..., MemberPaths], model: Model, chunks: list[dict]) -> list[MemberPaths]:
        [shared] = dask_client.scatter([model], broadcast=True)
        futures = [dask_client.submit(fn, shared, chunk, pure=False) for chunk in chunks]
        return dask_client.gather(futures)

    return run_chunks


def run_scenarios(scenarios: Sequence[Scenario], dask_client: Any) -> list[RunResult]:
    """Run many scenarios (e.g. every province of a national run) on the cluster, in order."""
    futures = dask_client.map(run, list(scenarios), pure=False)
    return dask_client.gather(futures)
