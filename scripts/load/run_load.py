#!/usr/bin/env python3
"""The load test of ``make load``: Odoo with ``--workers=3`` on 127.0.0.1 and a port of its
own, against the benchmark database, then locust headless, bounded in time.

    run_load.py --odoo-python P --odoo-bin B -c CONF -d social_bench --locust L
                [--users 18] [--duration 10m] [--ramp 3,6,12,18,24,36] [--step 60s]

Prints one line per request type and a summary (requests, failures, p50, p95) for the
steady run (``--duration 0`` skips it), then, with ``--ramp``, the median per step and the
step where it doubles. The figures start once every user has started (``--reset-stats``).
The machine's load average is printed before the run: on a shared machine the figures are
taken beside whatever else runs there. Only the standard library is used.
"""

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seconds(text):
    text = str(text)
    units = {"s": 1, "m": 60, "h": 3600}
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


class Odoo:
    """Odoo in its own process group; stopped by that group's id only."""

    def __init__(self, args, workers=3):
        self.port = args.port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(args.out) / "odoo.log"
        command = [
            args.odoo_python,
            args.odoo_bin,
            "-c",
            args.config,
            "-d",
            args.database,
            f"--db-filter=^{args.database}$",
            f"--workers={workers}",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            f"--gevent-port={free_port()}",
            "--max-cron-threads=0",
            "--limit-time-real=300",
            "--limit-time-cpu=120",
            f"--logfile={self.log}",
            "--log-level=warn",
        ]
        self.process = subprocess.Popen(command, start_new_session=True, env=os.environ)

    def wait(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"[load] Odoo stopped (exit {self.process.returncode}): see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/web/login", timeout=5) as response:
                    if response.status == 200:
                        return time.monotonic()
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit(f"[load] Odoo did not answer on {self.url} within {timeout} s")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_locust(args, url, users, duration, prefix):
    command = [
        args.locust,
        "-f",
        str(HERE / "locustfile.py"),
        "--host",
        url,
        "--headless",
        "-u",
        str(users),
        "-r",
        str(max(1, users // 3)),
        "-t",
        f"{seconds(duration)}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
        "--reset-stats",
    ]
    env = dict(os.environ, LOAD_DB=args.database)
    result = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    Path(f"{prefix}_locust.log").write_text(result.stderr)
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    if not any(row["Name"] == "Aggregated" and int(row["Request Count"]) for row in rows):
        sys.exit(f"[load] no request was made: {result.stderr[-2000:]}")
    return rows


def number(text):
    return float(text) if text and text != "N/A" else 0.0


def figures(row):
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "p50": number(row["50%"]),
        "p95": number(row["95%"]),
        "rps": number(row["Requests/s"]),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-python", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", default="social_bench")
    parser.add_argument("--locust", required=True)
    parser.add_argument("--users", type=int, default=18)
    parser.add_argument("--duration", default="10m")
    parser.add_argument("--ramp", default="", help="users per step, e.g. 3,6,12,18,24,36")
    parser.add_argument("--step", default="60s", help="duration of each ramp step")
    parser.add_argument("--port", type=int)
    parser.add_argument("--out", default=".state/load")
    return parser.parse_args(argv)


def steady_run(args, odoo, summary):
    """``--users`` users for ``--duration``: a line per request type and the totals."""
    rows = []
    if seconds(args.duration):
        rows = run_locust(args, odoo.url, args.users, args.duration, Path(args.out) / "steady")
    print("| request | count | failures | p50 ms | p95 ms |\n|---|---|---|---|---|")
    for row in rows:
        f = figures(row)
        print(
            f"| {row['Name']} | {f['requests']} | {f['failures']} | {f['p50']:.0f} | "
            f"{f['p95']:.0f} |"
        )
    if rows:
        total = figures(next(r for r in rows if r["Name"] == "Aggregated"))
        summary["steady"] = dict(total, users=args.users, duration=args.duration)
        load_after = os.getloadavg()
        summary["load_average_after"] = load_after
        print(
            f"[load] steady: {total['requests']} requests, {total['failures']} failures, "
            f"p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms, {total['rps']:.1f} "
            f"req/s; load average {load_after[0]:.2f} at the end",
            flush=True,
        )


def ramp_run(args, odoo, summary):
    """The steps of ``--ramp``: the median per step and the step where it doubles."""
    steps = []
    print(
        "| users | requests | failures | p50 ms | p95 ms | req/s | load average |\n"
        "|---|---|---|---|---|---|---|"
    )
    for users in (int(u) for u in args.ramp.split(",")):
        rows = run_locust(args, odoo.url, users, args.step, Path(args.out) / f"ramp_{users}")
        f = figures(next(r for r in rows if r["Name"] == "Aggregated"))
        steps.append(dict(f, users=users, load_average=os.getloadavg()[0]))
        print(
            f"| {users} | {f['requests']} | {f['failures']} | {f['p50']:.0f} | "
            f"{f['p95']:.0f} | {f['rps']:.1f} | {os.getloadavg()[0]:.1f} |",
            flush=True,
        )
    base = steps[0]["p50"] or 1
    doubled = next((s["users"] for s in steps if s["p50"] >= 2 * base), None)
    summary["ramp"] = steps
    summary["median_doubles_at"] = doubled
    print(
        f"[load] the median doubles ({base:.0f} ms at {steps[0]['users']} users) at "
        + (f"{doubled} users" if doubled else f"none of the steps (up to {steps[-1]['users']})"),
        flush=True,
    )


def main(argv):
    args = parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)

    load_before = os.getloadavg()
    print(
        f"[load] {os.cpu_count()} cores, load average {load_before[0]:.2f} / "
        f"{load_before[1]:.2f} / {load_before[2]:.2f} (1/5/15 min) before Odoo starts",
        flush=True,
    )
    odoo = Odoo(args)
    summary = {"load_average_before": load_before, "cores": os.cpu_count()}
    try:
        odoo.wait()
        print(
            f"[load] Odoo --workers=3 on {odoo.url}; {args.users} users for {args.duration}",
            flush=True,
        )
        steady_run(args, odoo, summary)
        if args.ramp:
            ramp_run(args, odoo, summary)
    finally:
        odoo.stop()
        (Path(args.out) / "summary.json").write_text(json.dumps(summary, indent=1))
    failed = summary.get("steady", {}).get("failures") or any(
        step["failures"] for step in summary.get("ramp", [])
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
