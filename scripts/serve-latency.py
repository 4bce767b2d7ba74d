#!/usr/bin/env python3
"""From saving an edit to the changed page being served, through `kehoach serve`.

    scripts/serve-latency.py BINARY SITE [N]

Starts `BINARY serve --port 0` on SITE (a copy you may edit: the script
appends a word to one plan N times, 5 by default), polls that plan's page
every 5 ms after each save until the word is served, and prints each time
and the median, then serve's own build lines. The preview folder is a
temporary one, removed at the end. Standard library only.
"""
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    binary, root = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) == 4 else 5
    out = tempfile.mkdtemp(prefix="kehoach-serve-latency-")
    site = os.path.join(out, "site")
    p = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", "0", "--out", site, "--today", "2026-12-01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = re.search(r"serving (\S+)", p.stdout.readline()).group(1)
        plans_dir = os.path.join(root, "content", "plans")
        plans = sorted(os.path.join(d, f) for d, _, fs in os.walk(plans_dir)
                       for f in fs if f.endswith(".md"))
        target = plans[len(plans) // 2]
        page = url + "van-ban/" + os.path.relpath(target, plans_dir)[:-3].replace(os.sep, "/") + "/"
        urllib.request.urlopen(page).read()
        times = []
        for k in range(n):
            word = f"Chimcanhcut{k}x{time.time_ns()}"
            with open(target, encoding="utf-8") as f:
                text = f.read()
            start = time.monotonic()
            with open(target, "w", encoding="utf-8") as f:
                f.write(text + f"\n{word} bay qua.\n")
            while word not in urllib.request.urlopen(page).read().decode():
                time.sleep(0.005)
            times.append(time.monotonic() - start)
            time.sleep(1.0)
    finally:
        p.send_signal(signal.SIGINT)
        err = p.communicate(timeout=120)[1]
        shutil.rmtree(out, ignore_errors=True)
    print("page", page)
    print("save to served, seconds:", " ".join(f"{t:.3f}" for t in times),
          "median", f"{statistics.median(times):.3f}")
    print("\n".join(l for l in err.splitlines() if "built" in l))


if __name__ == "__main__":
    main()
