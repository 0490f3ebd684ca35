"""What the bench scripts share: run code in a real Fovea kernel and get the text of its last
value, and read a process's memory figures from /proc."""

from __future__ import annotations

from pathlib import Path


def kernel_value(kc, code: str, timeout: float = 900) -> str:
    """The text/plain of the cell's last execute_result ('' without one); an error raises."""
    values: list[str] = []

    def hook(msg):
        if msg["msg_type"] == "execute_result":
            values.append(msg["content"]["data"]["text/plain"])
        elif msg["msg_type"] == "error":
            raise RuntimeError(f"{msg['content']['ename']}: {msg['content']['evalue']}")

    kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    return values[-1] if values else ""


def status_mib(pid: int, field: str = "VmRSS") -> float:
    """A memory line of /proc/PID/status (VmRSS, VmHWM, ...) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")
