#!/usr/bin/env python3
"""Kernel benchmark: start-up time, execute round trip and memory, against the
budgets, with ipykernel beside it for comparison. Prints figures; asserts nothing.

    make bench-kernel                       # fovea vs python3 (ipykernel)
    .venv/bin/python bench/bench_kernel.py --kernel fovea --compare none -n 3000

What is measured, per kernel:
  ready    spawn (just before fork/exec) to the first kernel_info_reply, and to
           the first iopub message received; a raw zmq client connected before
           the kernel binds and asking at once. Median of --starts spawns.
           Also the same through jupyter_client (KernelManager.start_kernel +
           BlockingKernelClient.wait_for_ready), which is what a frontend pays.
  execute  send of a trivial execute_request to the iopub `idle` for it, after
           warm-up: (a) a lean raw-pyzmq loop that signs with hmac and looks only
           at the bytes it needs, (b) BlockingKernelClient, whose own overhead
           (threads, JSON and date parsing) is of the same order as a fast kernel.
  memory   VmRSS of the kernel process from /proc/PID/status after start and
           warm-up, and again after the execute loops.
  floor    the same closed loop against a do-nothing pyzmq server that answers each
           request with what a kernel sends (busy, execute_input, reply, idle) over
           tcp: what ZeroMQ and the machine cost before any kernel work.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parent.parent
DELIM = b"<IDS|MSG>"

IPYKERNEL_REFERENCE_MS = 2.7  # the issue: ipykernel's execute round trip on the reference machine
BUDGETS = {
    "ready_reply": 30.0,     # ms
    "exec_raw_median": 0.25,  # ms
    "rss_idle": 16.0,        # MiB: the language-core issue set 16 for it and every later issue
}


def iso_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".000000Z"


class Spawned:
    """A kernel process started from its kernelspec by hand, with a raw client."""

    def __init__(self, kernel_name: str):
        self.spec = KernelSpecManager().get_kernel_spec(kernel_name)
        self.dir = tempfile.TemporaryDirectory(prefix="bench-kernel-")
        self.conn_file = os.path.join(self.dir.name, "kernel.json")
        self.key = uuid.uuid4().hex.encode()
        write_connection_file(self.conn_file, ip="127.0.0.1", key=self.key)
        self.info = json.loads(Path(self.conn_file).read_text())
        self.session = uuid.uuid4().hex
        self.ctx = zmq.Context()
        url = "tcp://127.0.0.1:"
        self.shell = self.ctx.socket(zmq.DEALER)
        self.iopub = self.ctx.socket(zmq.SUB)
        self.control = self.ctx.socket(zmq.DEALER)
        for s in (self.shell, self.iopub, self.control):
            s.setsockopt(zmq.LINGER, 0)
            s.setsockopt(zmq.RECONNECT_IVL, 1)  # the kernel binds after we connect: retry fast
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.shell.connect(url + str(self.info["shell_port"]))
        self.iopub.connect(url + str(self.info["iopub_port"]))
        self.control.connect(url + str(self.info["control_port"]))
        self.argv = [a.replace("{connection_file}", self.conn_file) for a in self.spec.argv]
        if self.argv[0] in ("python", f"python{sys.version_info[0]}",
                            f"python{sys.version_info[0]}.{sys.version_info[1]}"):
            self.argv[0] = sys.executable  # as jupyter_client does for the native kernel
        env = {**os.environ, **(self.spec.env or {})}
        self.t_spawn = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # -- wire
    def message(self, msg_type: str, content: dict | bytes) -> tuple[bytes, list[bytes]]:
        msg_id = uuid.uuid4().hex
        header = ('{"msg_id":"%s","msg_type":"%s","username":"bench","session":"%s",'
                  '"date":"%s","version":"5.3"}' % (msg_id, msg_type, self.session, iso_now())).encode()
        content_b = content if isinstance(content, bytes) else json.dumps(content, separators=(",", ":")).encode()
        h = hmac.new(self.key, header, hashlib.sha256)
        h.update(b"{}")
        h.update(b"{}")
        h.update(content_b)
        return msg_id.encode(), [DELIM, h.hexdigest().encode(), header, b"{}", b"{}", content_b]

    def wait_ready(self, timeout: float = 60.0) -> tuple[float, float]:
        """Seconds from spawn to the first kernel_info_reply and to the first iopub message."""
        poller = zmq.Poller()
        poller.register(self.shell, zmq.POLLIN)
        poller.register(self.iopub, zmq.POLLIN)
        _, frames = self.message("kernel_info_request", {})
        self.shell.send_multipart(frames)
        t_reply = t_iopub = None
        last_ask = time.perf_counter()
        deadline = last_ask + timeout
        while t_reply is None or t_iopub is None:
            if time.perf_counter() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"kernel not ready (exit code {self.proc.poll()}): {self.argv}")
            for sock, _ in poller.poll(5):
                sock.recv_multipart()
                now = time.perf_counter()
                if sock is self.shell and t_reply is None:
                    t_reply = now
                if sock is self.iopub and t_iopub is None:
                    t_iopub = now
            # The SUB subscription may land after the first busy/idle went out:
            # ask again, as jupyter_client does, until iopub has spoken.
            if t_reply is not None and t_iopub is None and time.perf_counter() - last_ask > 0.005:
                self.shell.send_multipart(self.message("kernel_info_request", {})[1])
                last_ask = time.perf_counter()
        self.drain()
        return t_reply - self.t_spawn, t_iopub - self.t_spawn

    def drain(self, quiet: float = 0.05) -> None:
        for sock in (self.shell, self.iopub):
            while sock.poll(int(quiet * 1000)):
                sock.recv_multipart()

    def execute_loop(self, code: str, n: int) -> tuple[list[float], list[float]]:
        """Closed loop of n executes; seconds from send to iopub idle, and to the shell reply."""
        content = json.dumps({"code": code, "silent": False, "store_history": True, "user_expressions": {},
                              "allow_stdin": False, "stop_on_error": True}).encode()
        to_idle, to_reply = [], []
        shell, iopub = self.shell, self.iopub
        poller = zmq.Poller()
        poller.register(shell, zmq.POLLIN)
        poller.register(iopub, zmq.POLLIN)
        for _ in range(n):
            msg_id, frames = self.message("execute_request", content)
            t0 = time.perf_counter()
            shell.send_multipart(frames)
            t_idle = t_reply = None
            while t_idle is None or t_reply is None:
                ready = dict(poller.poll(30000))
                if not ready:
                    raise RuntimeError("no answer to an execute within 30 s")
                if iopub in ready:
                    f = iopub.recv_multipart()
                    # topic, <IDS|MSG>, signature, header, parent, metadata, content
                    if b'"idle"' in f[-1] and msg_id in f[-3]:
                        t_idle = time.perf_counter()
                if shell in ready:
                    shell.recv_multipart()
                    t_reply = time.perf_counter()
            to_idle.append(t_idle - t0)
            to_reply.append(t_reply - t0)
        return to_idle, to_reply

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.control.send_multipart(self.message("shutdown_request", {"restart": False})[1])
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for s in (self.shell, self.iopub, self.control):
            s.close(0)
        self.ctx.term()
        self.dir.cleanup()


def client_loop(kernel_name: str, code: str, n: int, warmup: int) -> tuple[list[float], float]:
    """BlockingKernelClient: execute-to-idle times, and start-to-ready through jupyter_client."""
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    ready = time.perf_counter() - t0
    times = []
    try:
        for i in range(warmup + n):
            t = time.perf_counter()
            msg_id = kc.execute(code)
            while True:
                msg = kc.get_iopub_msg(timeout=30)
                if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                        and msg["parent_header"].get("msg_id") == msg_id):
                    break
            if i >= warmup:
                times.append(time.perf_counter() - t)
            kc.get_shell_msg(timeout=30)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return times, ready


def floor_server(port: int) -> None:
    ctx = zmq.Context()
    shell, pub = ctx.socket(zmq.ROUTER), ctx.socket(zmq.PUB)
    shell.bind(f"tcp://127.0.0.1:{port}")
    pub.bind(f"tcp://127.0.0.1:{port + 1}")
    while True:
        frames = shell.recv_multipart()
        if frames[-1] == b"stop":
            return
        for state in (b"busy", b"execute_input"):
            pub.send_multipart([b"kernel", state])
        shell.send_multipart(frames)
        pub.send_multipart([b"kernel", b"idle"])


def transport_floor(n: int, warmup: int) -> list[float]:
    """Seconds from send to `idle` against floor_server, n times after warm-up."""
    import multiprocessing
    port = 20000 + os.getpid() % 20000
    server = multiprocessing.Process(target=floor_server, args=(port,), daemon=True)
    server.start()
    ctx = zmq.Context()
    dealer, sub = ctx.socket(zmq.DEALER), ctx.socket(zmq.SUB)
    dealer.connect(f"tcp://127.0.0.1:{port}")
    sub.connect(f"tcp://127.0.0.1:{port + 1}")
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    time.sleep(0.5)
    times = []
    for i in range(warmup + n):
        t0 = time.perf_counter()
        dealer.send(b"execute")
        while sub.recv_multipart()[-1] != b"idle":
            pass
        dealer.recv_multipart()
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    dealer.send(b"stop")
    server.join(5)
    ctx.destroy(linger=0)
    return times


def p99(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=100)[98] if len(xs) >= 100 else max(xs)


def bench(kernel_name: str, args) -> dict:
    print(f"\n[{kernel_name}] {' '.join(KernelSpecManager().get_kernel_spec(kernel_name).argv)}", flush=True)
    ready, first_iopub = [], []
    for _ in range(args.starts):
        k = Spawned(kernel_name)
        try:
            r, i = k.wait_ready()
            ready.append(r)
            first_iopub.append(i)
        finally:
            k.close()
    print(f"  ready: {args.starts} spawns", flush=True)

    k = Spawned(kernel_name)
    try:
        k.wait_ready()
        k.execute_loop(args.code, args.warmup)
        k.drain()
        time.sleep(0.2)
        rss_idle = k.rss_mib()
        to_idle, to_reply = k.execute_loop(args.code, args.iterations)
        rss_after = k.rss_mib()
    finally:
        k.close()
    print(f"  raw loop: {args.iterations} executes", flush=True)

    bkc, jc_ready = client_loop(kernel_name, args.code, args.iterations, args.warmup)
    print(f"  BlockingKernelClient loop: {args.iterations} executes", flush=True)
    ms = lambda xs: [x * 1000 for x in xs]
    return {
        "ready_reply": statistics.median(ms(ready)),
        "ready_iopub": statistics.median(ms(first_iopub)),
        "ready_jc": jc_ready * 1000,
        "exec_raw_median": statistics.median(ms(to_idle)),
        "exec_raw_p99": p99(ms(to_idle)),
        "reply_raw_median": statistics.median(ms(to_reply)),
        "exec_bkc_median": statistics.median(ms(bkc)),
        "exec_bkc_p99": p99(ms(bkc)),
        "rss_idle": rss_idle,
        "rss_after": rss_after,
    }


ROWS = [
    ("ready_reply", "spawn -> first kernel_info_reply (median)", "ms"),
    ("ready_iopub", "spawn -> first iopub message (median)", "ms"),
    ("ready_jc", "jupyter_client start_kernel + wait_for_ready", "ms"),
    ("exec_raw_median", "execute -> idle, raw zmq client, median", "ms"),
    ("exec_raw_p99", "execute -> idle, raw zmq client, p99", "ms"),
    ("reply_raw_median", "execute -> execute_reply, raw zmq, median", "ms"),
    ("exec_bkc_median", "execute -> idle, BlockingKernelClient, median", "ms"),
    ("exec_bkc_p99", "execute -> idle, BlockingKernelClient, p99", "ms"),
    ("rss_idle", "VmRSS after start and warm-up", "MiB"),
    ("rss_after", "VmRSS after the execute loops", "MiB"),
]


def fmt(v: float, unit: str) -> str:
    if unit == "ms":
        return f"{v:.3f} ms" if v < 10 else f"{v:.1f} ms"
    return f"{v:.1f} MiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="fovea", help="kernelspec to measure (default: fovea)")
    ap.add_argument("--compare", default="python3",
                    help="kernelspec to compare with (default: python3, i.e. ipykernel); 'none' to skip")
    ap.add_argument("-n", "--iterations", type=int, default=2000, help="timed executes per loop (default 2000)")
    ap.add_argument("--warmup", type=int, default=200, help="untimed executes before each loop")
    ap.add_argument("--starts", type=int, default=10, help="spawns for the start-up figure")
    ap.add_argument("--code", default="pass", help="the trivial cell (default: pass)")
    args = ap.parse_args()

    os.environ.setdefault("JUPYTER_PATH", str(ROOT / ".venv" / "share" / "jupyter"))
    kernels = [args.kernel] + ([args.compare] if args.compare not in ("none", "", args.kernel) else [])
    for name in kernels:
        try:
            KernelSpecManager().get_kernel_spec(name)
        except NoSuchKernel:
            print(f"no kernelspec {name!r}; `make setup` installs fovea into .venv", file=sys.stderr)
            return 2
    print(f"kernel benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{args.iterations} timed executes of {args.code!r} after {args.warmup} warm-up")
    results = {k: bench(k, args) for k in kernels}

    w = 48
    head = f"\n{'figure':<{w}} {'budget':>10}" + "".join(f" {k:>14}" for k in kernels)
    if args.kernel in results:
        head += "  verdict"
    print(head)
    print("-" * (len(head) - 1))
    for key, label, unit in ROWS:
        budget = BUDGETS.get(key)
        line = f"{label:<{w}} {('<= ' + fmt(budget, unit)) if budget else '':>10}"
        line += "".join(f" {fmt(results[k][key], unit):>14}" for k in kernels)
        if budget is not None:
            line += "  " + ("ok" if results[args.kernel][key] <= budget else "OVER BUDGET")
        print(line)
    if args.compare == "python3" and "python3" in results:
        # The budget, 0.25 ms where ipykernel takes 2.7 ms, as a ratio for machines
        # unlike the reference one.
        ratio = results[args.kernel]["exec_raw_median"] / results["python3"]["exec_raw_median"]
        budget = BUDGETS["exec_raw_median"] / IPYKERNEL_REFERENCE_MS
        print(f"\nexecute -> idle, {args.kernel} / ipykernel in this run: {ratio:.3f}x "
              f"(budget {BUDGETS['exec_raw_median']} / {IPYKERNEL_REFERENCE_MS} ms = <= {budget:.3f}x: "
              f"{'ok' if ratio <= budget else 'OVER BUDGET'})")
    floor = [t * 1000 for t in transport_floor(args.iterations, args.warmup)]
    print(f"\nZeroMQ floor (do-nothing pyzmq server, the same 4 messages over tcp): median "
          f"{statistics.median(floor):.3f} ms, p99 {p99(floor):.3f} ms")
    print("\nFigures, not a test: on 2 shared cores expect run-to-run noise of 10-30 %.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
