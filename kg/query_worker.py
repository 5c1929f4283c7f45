"""Queries in worker processes that can be killed: the time and memory limits of ``kg query`` and ``kg serve``.

pyoxigraph evaluates a query in native code that no Python signal or thread can interrupt, so a query that
must stop (too slow, client gone, out of memory, a parser crash) runs in a forked process that is killed
and replaced. Forking shares the loaded store copy-on-write, so no worker loads the graph again.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import socket
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY_MB = 2048
FORK = multiprocessing.get_context("fork")


class QueryStopped(Exception):
    """A query passed a limit or lost its client; the message says which (one line)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "timeout", "died", "gone" or "busy"


def worker_loop(connection: Connection, parent_end: Connection, store: Any, task: Callable[[Any, Any], Any],
                max_memory_mb: int, alarm_seconds: int) -> None:
    """Answer jobs until the parent closes the pipe; the alarm ends a worker its parent can no longer kill."""
    parent_end.close()  # else the pipe never reads as closed when the parent dies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)  # native code's own crash reports: the parent says in one line what happened
    if max_memory_mb > 0:
        limit_address_space(max_memory_mb)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        signal.alarm(alarm_seconds)  # default action: terminate, should the parent have died meanwhile
        try:
            answer = task(store, job)
        except MemoryError:
            os._exit(3)
        signal.alarm(0)
        try:
            connection.send(answer)
        except (OSError, ValueError):
            os._exit(0)


def limit_address_space(max_memory_mb: int) -> None:
    """Allow max_memory_mb MiB beyond what the worker already maps (the shared store included)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = mapped + max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class QueryWorker:
    """One forked process running task(store, job) for each job it is sent."""

    def __init__(self, store: Any, task: Callable[[Any, Any], Any], timeout: float,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB) -> None:
        self.timeout = timeout
        self.connection, child_end = FORK.Pipe()
        self.process = FORK.Process(target=worker_loop, daemon=True,
                                    args=(child_end, self.connection, store, task, max_memory_mb,
                                          int(timeout) + 10))
        self.process.start()
        child_end.close()

    def call(self, job: Any, client: socket.socket | None = None) -> Any:
        """The task's answer, or QueryStopped when the timeout passes, the worker dies or the client leaves."""
        deadline = time.monotonic() + self.timeout
        self.connection.send(job)
        watched: list[Any] = [self.connection] + ([client] if client is not None else [])
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryStopped(f"query timed out after {self.timeout:g} s (the --timeout limit)", "timeout")
            ready = wait(watched, timeout=remaining)
            if self.connection in ready:
                try:
                    return self.connection.recv()
                except (EOFError, OSError):
                    raise QueryStopped(self.death_message(), "died") from None
            if client is not None and client in ready:
                if client_has_left(client):
                    raise QueryStopped("the client closed the connection", "gone")
                watched.remove(client)  # it sent more bytes: nothing to watch for until the answer

    def death_message(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            return f"the query process died ({name}: over the --max-memory limit, or a query the parser cannot take)"
        return "the query process ran out of memory (the --max-memory limit)"

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def client_has_left(client: socket.socket) -> bool:
    """True when the peer closed or reset the connection (a readable socket with nothing to read)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class WorkerPool:
    """A fixed number of query workers; a killed or dead worker is replaced by a fresh fork."""

    def __init__(self, size: int, store: Any, task: Callable[[Any, Any], Any], timeout: float,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB) -> None:
        self.make = lambda: QueryWorker(store, task, timeout, max_memory_mb)
        self.timeout = timeout
        self.idle: queue.Queue[QueryWorker] = queue.Queue()
        self.replacing = threading.Lock()  # one fork at a time
        for _ in range(size):
            self.idle.put(self.make())

    def call(self, job: Any, client: socket.socket | None = None) -> Any:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryStopped(f"every query worker stayed busy for {self.timeout:g} s; try again", "busy") from None
        try:
            answer = worker.call(job, client)
        except BaseException:
            worker.kill()
            with self.replacing:
                worker = self.make()
            raise
        finally:
            self.idle.put(worker)
        return answer

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return
