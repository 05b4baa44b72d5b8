#!/usr/bin/env python3
"""Generate a synthetic compendium of N documents by sampling the seeds' paragraphs.

Writes, under OUT/:
  raw/doc-NNNNN.txt   text extractions in the seeds' style (for `compendium import`)
  hugo/               a minimal Hugo site with the same text as Markdown pages
Each document is about 20 KB: a title, an enacting formula, preambular and
operative paragraphs sampled from the seeds' content, and footnotes.
"""
import os, random, re, sys, glob

n = int(sys.argv[1]); out = sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
random.seed(n)

pre, ops, notes, titles = [], [], [], []
for path in sorted(glob.glob(os.path.join(root, "content", "*.md"))):
    text = open(path, encoding="utf-8").read()
    body = text.split("\n---\n", 1)[1]
    m = re.search(r"^title: (.+)$", text, re.M)
    if m and m.group(1) != "null":
        titles.append(m.group(1).strip("'\""))
    for block in body.split("\n\n"):
        b = re.sub(r"\[\^[^\]]+\]", "", block.strip())
        b = re.sub(r"\s*\{[^}]*\}$", "", b)
        if not b or b.startswith("#"):
            continue
        if block.strip().startswith("[^"):
            notes += [re.sub(r"^\[\^[^\]]+\]:\s*", "", l) for l in block.strip().splitlines()]
        elif re.match(r"^\d+\. ", b):
            ops.append(re.sub(r"^\d+\. ", "", b))
        elif not re.match(r"^[a-z]\) ", b) and b.endswith(","):
            pre.append(b)

def wrap(text, width=85):
    lines, cur = [], ""
    for w in text.split():
        if len(cur) + len(w) + 1 > width:
            lines.append(cur); cur = w
        else:
            cur = (cur + " " + w).strip()
    lines.append(cur)
    return lines

os.makedirs(os.path.join(out, "raw"), exist_ok=True)
hugo = os.path.join(out, "hugo")
os.makedirs(os.path.join(hugo, "content", "documents"), exist_ok=True)
os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
open(os.path.join(hugo, "hugo.toml"), "w").write('baseURL = "https://example.org/"\ntitle = "Bench"\nlanguageCode = "fr"\n')
open(os.path.join(hugo, "layouts", "_default", "single.html"), "w").write(
    "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
open(os.path.join(hugo, "layouts", "_default", "list.html"), "w").write(
    "<!DOCTYPE html><html><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")
open(os.path.join(hugo, "layouts", "index.html"), "w").write(
    "<!DOCTYPE html><html><body><ul>{{ range .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")

raw_bytes = 0
for i in range(n):
    title = f"{random.choice(titles)} ({i})"
    lines = [f"Résolution {i // 100 + 1}/{i % 100 + 1}", "", title, "",
             "La Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée,", ""]
    md = [f"---\ntitle: \"{title}\"\n---\n"]
    size, k, note_no, foot = 0, 0, 0, []
    ps = random.sample(pre, min(len(pre), 10))
    for p in ps:
        if random.random() < 0.3 and p.endswith(","):
            note_no += 1; p = p[:-1] + f"{note_no},"; foot.append(f" {note_no} {random.choice(notes)}")
        lines += wrap(p) + [""]; md.append(re.sub(r"(\D)\d+,$", r"\1,", p) + "\n"); size += len(p)
    while size < 19000:
        k += 1
        p = random.choice(ops)
        lines += wrap(f"{k}. {p}") + [""]; md.append(f"{k}. {p}\n"); size += len(p)
        if k % 8 == 0 and foot:
            lines += ["__________________", ""] + foot + ["", f"22-{27000 + i:05d} {k // 8}/9", ""]
            foot = []
    if foot:
        lines += ["__________________", ""] + foot
    raw = "\n".join(lines) + "\n"
    raw_bytes += len(raw.encode())
    open(os.path.join(out, "raw", f"doc-{i:05d}.txt"), "w", encoding="utf-8").write(raw)
    open(os.path.join(hugo, "content", "documents", f"doc-{i:05d}.md"), "w", encoding="utf-8").write("\n".join(md))
print(f"{n} documents, {raw_bytes / 1e6:.1f} MB of text extractions")
