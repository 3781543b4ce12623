"""A real Celery worker for the tests about tasks: it runs in a thread of this process and
reads its queue from a Redis database of its own, so tasks go through the broker, not
eagerly. The worker has its own database connection: such tests commit their data
(transactional_db) instead of holding it in a rolled-back transaction."""

import threading

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_prerun

from config.celery import app

BROKER = "redis://127.0.0.1:6379/15"


def _forget_connections() -> None:
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker():
    """A worker consuming a Redis queue of its own; tasks go through the broker, not eagerly."""
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not answering at {BROKER}: start it as bin/test does.")
    keys = ("broker_url", "task_always_eager", "result_backend", "worker_hijack_root_logger")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=BROKER,
        task_always_eager=False,
        result_backend=None,
        worker_hijack_root_logger=False,
    )
    _forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.update(saved)
        _forget_connections()


@pytest.fixture
def started() -> list[tuple[str, str]]:
    """The tasks that started, with the thread each ran in."""
    seen = []

    def record(task=None, **_kwargs):
        seen.append((task.name, threading.current_thread().name))

    task_prerun.connect(record, weak=False)
    yield seen
    task_prerun.disconnect(record)
