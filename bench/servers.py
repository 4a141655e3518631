"""Start the Rasa and action servers of a project on free loopback ports, and stop them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


class ServerError(RuntimeError):
    """A server exited or did not become ready; the message ends with its log."""


@dataclass(frozen=True)
class Server:
    """A running server: its base URL, process, and when it was started."""

    url: str
    process: subprocess.Popen
    started: float
    ready_after: float  # seconds from start to ready

    def rss_bytes(self) -> int:
        """Resident memory of the server and its children."""
        return _rss_tree(self.process.pid)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(
    name: str,
    command: list[str],
    ready_url: str,
    log_path: Path,
    timeout: float,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Server:
    """Start `command` in its own process group; wait until `ready_url` answers 200."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")  # noqa: SIM115 - the process owns it
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise ServerError(f"{name} exited ({process.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            if requests.get(ready_url, timeout=2).status_code == 200:
                url = ready_url.rsplit("/", 1)[0]
                return Server(url, process, started, time.monotonic() - started)
        except requests.RequestException:
            pass
        time.sleep(0.25)
    stop(process)
    raise ServerError(f"{name} not ready after {timeout} s:\n{log_path.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    """Stop a server's process group: SIGINT, then SIGTERM, then SIGKILL."""
    for sig, grace in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            continue


def start_action_server(
    log_path: Path,
    cwd: Path = ROOT,
    module: str = "actions",
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    port = port or free_port()
    if module == "actions":  # ours: checks the knowledge base first
        command = [sys.executable, "-m", "actions", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "rasa_sdk", "--actions", module, "--port", str(port)]
    return start("action server", command, f"http://127.0.0.1:{port}/health", log_path, 90, cwd, env)


def start_rasa_server(
    model: Path,
    log_path: Path,
    cwd: Path = ROOT,
    endpoints: str | None = None,
    credentials: str | None = None,
    env: dict[str, str] | None = None,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
) -> Server:
    """This project's server (``python -m bot run``) in ROOT, plain ``rasa run`` elsewhere;
    HTTP API off unless `extra_args` turn it on. Ready when its root route answers."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "bot" if cwd == ROOT else "rasa",
        "run",
        *extra_args,
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    if endpoints:
        command += ["--endpoints", endpoints]
    if credentials:
        command += ["--credentials", credentials]
    return start("Rasa server", command, f"http://127.0.0.1:{port}/", log_path, 240, cwd, env)


def _rss_tree(pid: int) -> int:
    """Sum of VmRSS over `pid` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        stack += children.get(current, [])
    return total
