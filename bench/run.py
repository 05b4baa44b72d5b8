#!/usr/bin/env python3
"""Benchmark compendium against Hugo on synthetic compendia (see docs/performance.md).

    python3 bench/run.py [--dir DIR] [seeds] [SIZES...]   default: 1000 10000

`seeds` measures only the serve latencies, on the repository's own compendium.

For each size: generate the corpus (bench/generate.py), time `compendium import`
(MB/s, median of 3), then alternate full builds of compendium and Hugo (5 each, median wall
time, peak RSS from /usr/bin/time), then time a one-file rebuild in `serve`:
from saving a file to the server having swapped in the rebuilt site, and to
the open page showing the edit; then the same for `hugo server`; and the
first search on a page just opened in Chromium.

The corpora are written and built under DIR: by default /dev/shm (memory),
else the system's temporary directory. On this project's machines the disk
is ext4 without a journal, whose inode allocator skips every inode freed in
the last minutes one by one: a build right after deleting the previous
output (thousands of files) spends most of its time there, for Hugo as for
compendium, and varies by ±50 % from run to run. In memory both tools are
measured doing their own work. `--dir /tmp` measures the disk.
Needs: cargo, python3, hugo and GNU time (Debian packages `hugo`, `time`).
"""
import json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "compendium")

def timed(cmd, cwd):
    """Run cmd; return (wall seconds, peak RSS in MB)."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return wall, rss

def webdriver(port, method, path, body=None):
    """One WebDriver command to chromedriver on `port`; its `value`."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["value"]

def browser(page):
    """Headless Chromium (through chromedriver) showing `page`, or None
    when they are not installed: (driver process, port, session)."""
    if not shutil.which("chromedriver"):
        return None
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0)); port = so.getsockname()[1]
    # A session of its own: the browser it starts goes with it (killpg).
    drv = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    for _ in range(100):
        try:
            webdriver(port, "GET", "/status"); break
        except OSError:
            time.sleep(0.1)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={tempfile.mkdtemp()}"]
    session = webdriver(port, "POST", "/session", {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"args": args}}}})["sessionId"]
    webdriver(port, "POST", f"/session/{session}/url", {"url": page})
    return drv, port, session

def close(b):
    """End a [`browser`] session and its driver (None: nothing to close)."""
    if not b:
        return
    drv, port, session = b
    try:
        webdriver(port, "DELETE", f"/session/{session}")
    except OSError:
        pass
    try:
        os.killpg(drv.pid, 9)
    except OSError:
        pass
    drv.wait()

def compendium_server(site):
    """`compendium serve` on `site`: (command, its directory, the line saying
    it serves (its URL), the line saying a rebuild is served, the content
    file to edit, the path of its page)."""
    files = sorted(os.listdir(os.path.join(site, "content")))
    target = os.path.join(site, "content", files[len(files) // 2])
    m = re.search(r"^slug: (.+)$", open(target, encoding="utf-8").read(), re.M)
    slug = m.group(1).strip() if m else files[len(files) // 2][:-3]
    ready = lambda line: line.split()[1] if line.startswith("serving ") else None
    return ([BIN, "serve", "--port", "0"], site, ready, lambda line: line.startswith("rebuilt in"),
            target, f"documents/{slug}/")

def hugo_server(site):
    """`hugo server` on the same corpus (its defaults: pages rendered to
    memory, fast render mode, its own live reload), as [`compendium_server`]."""
    hugo = os.path.join(site, "hugo")
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0)); port = so.getsockname()[1]
    files = sorted(os.listdir(os.path.join(hugo, "content", "documents")))
    name = files[len(files) // 2]
    ready = lambda line: f"http://127.0.0.1:{port}/" if line.startswith("Web Server is available") else None
    # Hugo prints "Total in N ms" once a rebuild is in memory, being served.
    return (["hugo", "server", "--port", str(port), "--bind", "127.0.0.1"], hugo, ready,
            lambda line: line.startswith("Total in"), os.path.join(hugo, "content", "documents", name),
            f"documents/{name[:-3]}/")

def rebuild_times(site, runs=7, server=compendium_server):
    """Medians, in ms, from saving a content file to (1) the rebuilt site
    being served and (2) the open page in Chromium showing the new text by
    itself (the frame after the live-reload client swapped the rebuilt page
    in, or the page's own navigation timing if it reloaded instead; on the
    same clock as the save); (2) is None without chromedriver. `server`
    says which tool serves (see [`compendium_server`])."""
    cmd, cwd, ready, rebuilt, target, page = server(site)
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    b = None
    try:
        url = None
        for line in p.stdout:
            url = ready(line)
            if url:
                break
        if not url:
            sys.exit(f"failed: {' '.join(cmd)} never said it was serving")
        original = open(target, encoding="utf-8").read()
        b = browser(url + page)
        served, reloaded = [], []
        for i in range(runs):
            time.sleep(0.5)
            marker = f"Prie ({i})"
            text = original.replace("Prie", marker, 1)
            t = time.perf_counter()
            saved = time.time() * 1000
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            for line in p.stdout:
                if rebuilt(line):
                    served.append((time.perf_counter() - t) * 1000)
                    break
            if b:
                _, port, session = b
                # The page shows the edit either by swapping in its rebuilt
                # body (the client stamps the first frame after the swap) or,
                # failing that, by a full reload (navigation timing).
                script = ("var n = performance.getEntriesByType('navigation')[0];"
                          "return [performance.timeOrigin, n ? n.domContentLoadedEventEnd : 0,"
                          " window.compendiumSwappedAt || 0,"
                          " document.body.innerText.indexOf(arguments[0]) >= 0]")
                deadline = time.time() + 30
                while time.time() < deadline:
                    origin, loaded, swapped, shown = webdriver(port, "POST", f"/session/{session}/execute/sync",
                                                               {"script": script, "args": [marker]})
                    if shown and swapped > saved:
                        reloaded.append(swapped - saved)
                        if os.environ.get("BENCH_DEBUG"): print(f"swapped in {swapped - saved:.0f} ms after the save", file=sys.stderr)
                        break
                    if shown and origin > saved and loaded > 0:
                        reloaded.append(origin + loaded - saved)
                        if os.environ.get("BENCH_DEBUG"): print(f"navigation starts {origin - saved:.0f} ms after the save, DOMContentLoaded {loaded:.0f} ms later", file=sys.stderr)
                        break
                    time.sleep(0.005)
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        return statistics.median(served), (statistics.median(reloaded) if reloaded else None)
    finally:
        close(b)
        p.kill(); p.wait()

def first_search(site, query, runs=3):
    """Median ms from typing `query` on a page just opened (from `file://`)
    to its results shown, in headless Chromium: the index loaded, then the
    parts the query needs; the box's 120 ms wait for typing to pause
    included. None without chromedriver."""
    times = []
    for i in range(runs):
        b = browser(f"file://{site}/public/index.html")
        if not b:
            return None
        _, port, session = b
        js = lambda script: webdriver(port, "POST", f"/session/{session}/execute/sync", {"script": script, "args": []})
        try:
            time.sleep(0.5)
            js("var i = document.querySelector('form.search input'); window.benchT0 = performance.now(); i.focus();"
               " i.value = " + json.dumps(query) + "; i.dispatchEvent(new Event('input', {bubbles: true})); return 0")
            deadline = time.time() + 120
            while time.time() < deadline:
                ms = js("var l = document.querySelector('.search-list'); return l && l.children.length ? performance.now() - window.benchT0 : null")
                if ms is not None:
                    times.append(ms)
                    break
                time.sleep(0.01)
        finally:
            close(b)
    return statistics.median(times) if times else None

def main():
    args = sys.argv[1:]
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
    if args[:1] == ["--dir"]:
        base, args = args[1], args[2:]
    seeds = "seeds" in args
    sizes = [int(s) for s in args if s != "seeds"] or ([] if seeds else [1000, 10000])
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    if seeds:
        # The repository's own compendium: only the serve latencies.
        work = tempfile.mkdtemp(prefix="compendium-bench-seeds-", dir=base)
        shutil.copy(os.path.join(ROOT, "site.yaml"), work)
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
        served, shown = rebuild_times(work, runs=15)
        shutil.rmtree(work, ignore_errors=True)
        print(f"seed compendium: save → served {served:.0f} ms, save → page shows the edit "
              + (f"{shown:.0f} ms" if shown is not None else "(no chromedriver)"))
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    rows = []
    if not sizes:
        return
    for n in sizes:
        work = tempfile.mkdtemp(prefix=f"compendium-bench-{n}-", dir=base)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(n), work], check=True, capture_output=True)
        shutil.copy(os.path.join(ROOT, "site.yaml"), work)
        raw = os.path.join(work, "raw")
        mb = sum(os.path.getsize(os.path.join(raw, f)) for f in os.listdir(raw)) / 1e6
        files = sorted(os.path.join("raw", f) for f in os.listdir(raw))
        imports = [timed([BIN, "import", "-o", "content", "--force"] + files, work) for _ in range(3)]
        imp, imp_rss = statistics.median(t for t, _ in imports), max(r for _, r in imports)
        c_times, c_rss, h_times, h_rss = [], [], [], []
        for _ in range(5):  # alternate, so both see the same machine state
            shutil.rmtree(os.path.join(work, "public"), ignore_errors=True)  # both start from nothing
            w, r = timed([BIN, "build"], work); c_times.append(w); c_rss.append(r)
            shutil.rmtree(os.path.join(work, "hugo", "public"), ignore_errors=True)
            w, r = timed(["hugo", "--quiet"], os.path.join(work, "hugo")); h_times.append(w); h_rss.append(r)
        c, h = statistics.median(c_times), statistics.median(h_times)
        # « trafic »: a stem of a middling part; « corruption »: a topic,
        # in the compendium's largest beginning (« co »).
        search = (first_search(work, "trafic"), first_search(work, "corruption"))
        rebuild, reload = rebuild_times(work)
        h_rebuild, h_reload = rebuild_times(work, server=hugo_server)
        rows.append((n, mb, mb / imp, imp_rss, c, n / c, max(c_rss), h, n / h, max(h_rss), rebuild, reload,
                     h_rebuild, h_reload, search))
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nmachine: {os.cpu_count()} cores; Hugo {hugo_version}; corpora in {base}\n")
    print("| documents | text MB | import MB/s | import RSS MB | compendium build s | docs/s | RSS MB | Hugo build s | docs/s | RSS MB | speed-up | save → served ms | save → page shows the edit ms | Hugo: save → served ms | Hugo: save → page shows the edit ms | first search ms: « trafic » | « corruption » |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    shown = lambda ms: f"{ms:.0f}" if ms is not None else "(no chromedriver)"
    for (n, mb, mbs, irss, c, cd, cr, h, hd, hr, rb, rl, hrb, hrl, fs) in rows:
        print(f"| {n} | {mb:.0f} | {mbs:.0f} | {irss:.0f} | {c:.2f} | {cd:.0f} | {cr:.0f} | {h:.2f} | {hd:.0f} | {hr:.0f} | {cd / hd:.1f}× | {rb:.0f} | {shown(rl)} | {hrb:.0f} | {shown(hrl)} | {shown(fs[0])} | {shown(fs[1])} |")

if __name__ == "__main__":
    main()
