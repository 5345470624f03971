"""Operational tasks."""

from __future__ import annotations

import os
import socket

from django.tasks import task


@task
def probe(note: str) -> str:
    """Answers which process ran it: proves a worker picks tasks up (deployment test, soak)."""
    return f"{note} {socket.gethostname()}:{os.getpid()}"
