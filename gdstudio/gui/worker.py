"""The one thing that crosses threads: a QThread that drives ``SceneRun.batches()``.

Batch in the producer: the runner's batches are concatenated and emitted about every
16 ms, never one signal per step. The GUI allows the worker to compute up to a step
(``allow``); beyond it the worker waits on a condition (pause costs no CPU, no sleep
loop). The stop flag is checked before every batch. Errors arrive through ``failed``.
"""

from __future__ import annotations

import itertools
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from gdstudio.core.errors import GdError
from gdstudio.core.runner import StepBatch

FLUSH_S = 0.016
_tokens = itertools.count(1)


def merge(batches: list[StepBatch]) -> StepBatch:
    if len(batches) == 1:
        return batches[0]
    return StepBatch(
        t0=batches[0].t0, t1=batches[-1].t1,
        w=np.concatenate([b.w for b in batches], axis=1),
        loss=np.concatenate([b.loss for b in batches], axis=1),
        lr=np.concatenate([b.lr for b in batches], axis=1),
        ended=[e for b in batches for e in b.ended],
    )


class RunWorker(QThread):
    """Each signal carries the worker's ``token``: a queued signal of a worker that has
    since been replaced (its address possibly reused) is recognised and dropped."""

    batchReady = Signal(int, object)    # token, a StepBatch of ~16 ms of work
    failed = Signal(int, str)           # token, message
    done = Signal(int)                  # token: every run has ended

    def __init__(self, scene_run, parent: QObject, chunk: int = 16):
        super().__init__(parent)
        self._run = scene_run
        self._chunk = chunk
        self._cond = threading.Condition()
        self._stop = False
        self._limit = 0
        self.token = next(_tokens)

    def allow(self, row: int) -> None:
        """Let the worker compute at least up to row ``row``."""
        with self._cond:
            if row > self._limit:
                self._limit = row
                self._cond.notify_all()

    def request_stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def stop(self) -> None:
        """Stop flag, quit, wait: safe to call more than once and from closeEvent."""
        self.request_stop()
        self.quit()
        self.wait()

    def run(self) -> None:
        pending: list[StepBatch] = []
        last_flush = time.perf_counter()
        rows = 0
        try:
            batches = self._run.batches(self._chunk)
            while True:
                if pending and (rows > self._limit
                                or time.perf_counter() - last_flush >= FLUSH_S):
                    self.batchReady.emit(self.token, merge(pending))
                    pending = []
                    last_flush = time.perf_counter()
                with self._cond:
                    while not self._stop and rows > self._limit:
                        self._cond.wait()
                    if self._stop:
                        return
                try:
                    batch = next(batches)
                except StopIteration:
                    break
                pending.append(batch)
                rows = batch.t1
            if pending:
                self.batchReady.emit(self.token, merge(pending))
            self.done.emit(self.token)
        except GdError as e:
            self.failed.emit(self.token, str(e))
        except Exception as e:  # a bug in the core must not kill the window
            self.failed.emit(self.token, f"{type(e).__name__}: {e}")
