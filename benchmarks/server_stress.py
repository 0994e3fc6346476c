"""Can one visitor stall a public instance? `lvterm serve` (the real server, its settings) answers
`term_lookup` while other clients keep sending the slowest queries we know.

Prints term_lookup latency (p50/p99/max) with no load (the baseline, same run) and under load,
the machine's load average, and what the hostile queries got back (status, time). Target: p99 under
300 ms under load. docs/public-instance.md has the figures and what stalled the server before.

    .venv/bin/python benchmarks/server_stress.py [--db build/lvterm.db] [--attackers 6] [--seconds 20]
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    "select fuzzy_score(printf('%.*c',1000000,'a'),printf('%.*c',1000000,'b'))",
    "select length(printf('%.*c',300000000,'x'))",
    "select lv_stem(printf('%.*c',5000000,'a'))",
    "select mark_terms(group_concat(lv_text, ' '), 'biedra nauda|tīklošana|sociālie tīkli', 'lv') from beads",
    # legitimately heavy SQL: only the time limit stops it
    "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
    ("with recursive c(x) as (select 1 union all select x + 1 from c limit 100000000) "
    "select count(lv_fold('Tīklošana ' || x)) from c"),
    "select count(*) from segments a, segments b, segments c",
]
LOOKUPS = ["biedra naudai", "tiklosana", "networks", "membership fees", "socialie tikli", "profesionala izaugsme"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, *, timeout: float = 60.0) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        status = 0
    return status, time.perf_counter() - start


def lookups(base: str, seconds: float) -> list[float]:
    times, end, i = [], time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        q = LOOKUPS[i % len(LOOKUPS)]
        status, t = get(f"{base}/lvterm/term_lookup.json?_shape=array&q={urllib.parse.quote(q)}")
        if status != 200:
            raise SystemExit(f"term_lookup answered {status}")
        times.append(t)
        i += 1
        time.sleep(0.02)
    return times


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    slow = sum(1 for t in ms if t >= 300)
    return (f"{len(ms):5d} requests  p50 {statistics.median(ms):7.1f} ms  p99 {p99:7.1f} ms  max {ms[-1]:7.1f} ms"
            f"  ({slow} over 300 ms)")


def load() -> str:
    """The machine's load average (1 min) over its cores: shared machines make single runs noisy."""
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(ROOT / "build" / "lvterm.db"))
    ap.add_argument("--attackers", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--only", type=int, default=None, help="send only the hostile query with this index")
    args = ap.parse_args()
    hostile = [HOSTILE[args.only]] if args.only is not None else HOSTILE
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    lvterm = Path(sys.executable).with_name("lvterm")
    server = subprocess.Popen([str(lvterm), "serve", "--db", args.db, "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if get(f"{base}/-/versions.json", timeout=1)[0] == 200:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        print(f"lvterm serve --db {args.db} (pid {server.pid}); {args.attackers} hostile clients; {load()}")
        print(f"baseline     {summary(lookups(base, args.seconds / 2))}")
        stop = threading.Event()
        outcomes: dict[str, list[tuple[int, float]]] = {sql: [] for sql in hostile}

        def attack(k: int) -> None:
            i = k
            while not stop.is_set():
                sql = hostile[i % len(hostile)]
                outcomes[sql].append(get(f"{base}/lvterm.json?sql={urllib.parse.quote(sql)}"))
                i += 1

        threads = [threading.Thread(target=attack, args=(k,), daemon=True) for k in range(args.attackers)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        loaded = lookups(base, args.seconds)
        stop.set()
        print(f"under attack {summary(loaded)}; {load()}")
        rss = int(Path(f"/proc/{server.pid}/status").read_text().split("VmHWM:")[1].split()[0]) // 1024 \
            if os.path.exists(f"/proc/{server.pid}/status") else -1
        print(f"server peak RSS {rss} MB")
        print("hostile queries: status counts, slowest answer")
        for sql, got in outcomes.items():
            if got:
                codes = {c: sum(1 for s, _ in got if s == c) for c in sorted({s for s, _ in got})}
                print(f"  {max(t for _, t in got):6.2f} s  {codes}  {sql[:80]}")
        ok = sorted(loaded)[min(len(loaded) - 1, int(len(loaded) * 0.99))] < 0.3
        print("target p99 < 300 ms under attack:", "met" if ok else "NOT met")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
