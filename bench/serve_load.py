#!/usr/bin/env python3
"""The preview under load (driven by bench/serve_load.sh).

Against a running `gazette serve --watch` on ADDR, for DURATION seconds:
- wrk with 64 connections over many pages (figures from wrk itself);
- a bulletin saved every 200 ms (through a temporary file and a rename,
  as editors do), each save carrying a new marker number;
- a checker that keeps fetching that bulletin's page and the home page:
  every answer's build id (the x-gazette-build header) must equal the one
  in the page's live-reload script, and a newer build must never hold an
  older save than an earlier build did (no answer mixes builds);
- the server's resident memory sampled every 0.5 s.
Then, with the site idle: 1,000 connections that send nothing and a
client sending its headers a byte a second, while ordinary requests are
timed. Loopback only; every loop is bounded in time.
"""
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time

addr, pid, site, paths_file, edited_rel, edited_url, duration = sys.argv[1:8]
pid, duration = int(pid), int(duration)
host, port = addr.rsplit(":", 1)
port = int(port)
here = os.path.dirname(os.path.abspath(__file__))
stop = threading.Event()
problems = []


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


samples = []  # (t, rss KiB, rebuilds so far)
rebuilds = [0]


def sample_memory():
    t0 = time.time()
    while not stop.is_set():
        samples.append((time.time() - t0, rss_kib(), rebuilds[0]))
        time.sleep(0.5)


def save_loop():
    path = os.path.join(site, edited_rel)
    text = open(path, encoding="utf-8").read()
    n = 0
    while not stop.is_set():
        n += 1
        tmp = path + ".tmp-save"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text + f"\n\nLoad-test save number {n}.\n")
        os.rename(tmp, path)
        time.sleep(0.2)
    # Put the bulletin back as it was.
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return n


SAVE = re.compile(rb"Load-test save number (\d+)\.")
SCRIPT = re.compile(rb'e\.data!=="(\d+)"')
checked = [0]


def check_loop():
    conn = http.client.HTTPConnection(host, port, timeout=10)
    newest_save_by_build = {}
    while not stop.is_set():
        for url in (edited_url, "/"):
            try:
                conn.request("GET", url)
                r = conn.getresponse()
                body = r.read()
            except Exception as e:  # a socket error is a failure here
                problems.append(f"checker: {url}: {e!r}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
                continue
            checked[0] += 1
            if r.status != 200:
                problems.append(f"checker: {url}: status {r.status}")
                continue
            build = int(r.getheader("x-gazette-build", "-1"))
            m = SCRIPT.search(body)
            if not m or int(m.group(1)) != build:
                problems.append(f"{url}: header build {build}, page script {m and m.group(1)}")
            if url == edited_url:
                s = SAVE.search(body)
                newest_save_by_build.setdefault(build, set()).add(int(s.group(1)) if s else 0)
        time.sleep(0.01)
    # One build, one content: a build id never comes with two different
    # saves, and a later build never carries an earlier save.
    last = -1
    for build in sorted(newest_save_by_build):
        saves = newest_save_by_build[build]
        if len(saves) > 1:
            problems.append(f"build {build} served with saves {sorted(saves)}")
        if min(saves) < last:
            problems.append(f"build {build} holds save {min(saves)} after save {last}")
        last = max(last, max(saves))
    return len(newest_save_by_build)


def count_rebuilds(log):
    while not stop.is_set():
        try:
            with open(log) as f:
                rebuilds[0] = sum(1 for l in f if l.startswith("rebuilt "))
        except OSError:
            pass
        time.sleep(0.25)


def main():
    serve_out = os.environ["SERVE_OUT"]
    threads = [
        threading.Thread(target=sample_memory),
        threading.Thread(target=count_rebuilds, args=(serve_out,)),
    ]
    result = {}
    saver = threading.Thread(target=lambda: result.__setitem__("saves", save_loop()))
    checker = threading.Thread(target=lambda: result.__setitem__("builds", check_loop()))
    for t in threads + [saver, checker]:
        t.start()
    env = dict(os.environ, PATHS_FILE=paths_file)
    wrk = subprocess.run(
        ["wrk", "-t2", "-c64", f"-d{duration}s", "--timeout", "5s", "--latency",
         "-s", os.path.join(here, "serve_load.lua"), f"http://{addr}"],
        env=env, capture_output=True, text=True, timeout=duration + 60,
    )
    stop.set()
    for t in threads + [saver, checker]:
        t.join(timeout=30)
    print(wrk.stdout)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout)
    p99 = re.search(r"99%\s+(\S+)", wrk.stdout)
    sock = re.search(r"Socket errors: (.*)", wrk.stdout)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk.stdout)
    peak = max(s[1] for s in samples)
    third = max(1, len(samples) // 3)
    early = max(s[1] for s in samples[:third])
    late = max(s[1] for s in samples[-third:])
    print("== under load (wrk -t2 -c64 -d%ss, a save every 200 ms)" % duration)
    print(f"requests/s: {rps.group(1) if rps else '?'}   p99 latency: {p99.group(1) if p99 else '?'}")
    print(f"socket errors: {sock.group(1) if sock else 'none'}   non-2xx/3xx: {non2xx.group(1) if non2xx else 0}")
    print(f"saves: {result.get('saves')}   rebuilds: {rebuilds[0]}   builds seen by the checker: "
          f"{result.get('builds')}   pages checked: {checked[0]}")
    print(f"server RSS: peak {peak // 1024} MiB; max in first third {early // 1024} MiB, "
          f"in last third {late // 1024} MiB")
    if sock or (non2xx and int(non2xx.group(1)) > 0):
        problems.append("wrk saw socket errors or non-2xx answers")
    if late > early * 1.25 + 16 * 1024:
        problems.append(f"memory grew across rebuilds: {early} KiB -> {late} KiB")

    # Slow and idle clients.
    time.sleep(2)
    idle = []
    for _ in range(1000):
        s = socket.create_connection((host, port), timeout=10)
        idle.append(s)
    slow = socket.create_connection((host, port), timeout=30)
    slow_req = f"GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n".encode()
    slow_closed = [None]

    def trickle():
        t0 = time.time()
        for b in slow_req:
            try:
                slow.send(bytes([b]))
            except OSError:
                break
            time.sleep(1)
        try:
            slow.settimeout(30)
            slow_closed[0] = (slow.recv(1) == b"", time.time() - t0)
        except OSError:
            slow_closed[0] = (True, time.time() - t0)

    tr = threading.Thread(target=trickle)
    tr.start()
    lat = []
    conn = http.client.HTTPConnection(host, port, timeout=10)
    for i in range(200):
        t0 = time.time()
        conn.request("GET", "/" if i % 2 else edited_url)
        r = conn.getresponse()
        r.read()
        lat.append(time.time() - t0)
        if r.status != 200:
            problems.append(f"status {r.status} beside idle and slow clients")
    lat.sort()
    tr.join(timeout=60)
    for s in idle:
        s.close()
    print("== beside 1,000 idle connections and a client sending a header byte a second")
    print(f"200 requests: median {lat[100] * 1000:.1f} ms, p99 {lat[197] * 1000:.1f} ms, max {lat[-1] * 1000:.1f} ms")
    print(f"slow client closed by the server: {slow_closed[0]}")
    if not slow_closed[0] or not slow_closed[0][0]:
        problems.append("the slow client was not closed")
    if problems:
        print("PROBLEMS:\n  " + "\n  ".join(problems[:20]))
        sys.exit(1)
    print("no problems: zero socket errors, zero 5xx, every page from one build")


main()
