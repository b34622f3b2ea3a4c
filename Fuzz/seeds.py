#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus: the example BOMs, the shipped packs, the real-BOM and fuzz
regression fixtures, and the YAML snippets written as string literals in the Core tests.

Usage: Fuzz/seeds.py OUT_DIR   (run from the repository root; OUT_DIR is emptied first)
Snippets that are part lists ("  - ref: ...") are also written inside a product header, as the
tests' `product(...)` helper does. Seeds are named by content hash, so reruns are stable.
"""
import glob, hashlib, os, re, shutil, sys

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)

HEADER = "bomcheck: 1\nproduct:\n  id: p1\n  assembled_in: DE\n  markets: [US, EU]\nparts:\n"
ESCAPES = {"n": "\n", "t": "\t", "0": "\0", '"': '"', "\\": "\\", "r": "\r", "'": "'"}


def unescape(body):
    """Swift string-literal escapes; literals with interpolation are skipped by the caller."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), body)


def literals(source):
    """Single-line and multi-line (\"\"\") string literals of a Swift file."""
    for block in re.finditer(r'"""\n(.*?)\n\s*"""', source, re.S):
        lines = block.group(1).split("\n")
        indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        yield "\n".join(l[indent:] for l in lines) + "\n"
    source = re.sub(r'""".*?"""', "", source, flags=re.S)
    for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', source):
        yield match.group(1)


def write(data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(out, name), "wb") as handle:
        handle.write(data)


files = sorted(
    glob.glob("BOMs/**/*.yaml", recursive=True) + glob.glob("Regimes/*.yaml")
    + glob.glob("Tests/BOMCheckCoreTests/Fixtures/**/*", recursive=True))
for path in files:
    if os.path.isfile(path):
        write(open(path, "rb").read())

snippets = 0
for test in sorted(glob.glob("Tests/BOMCheckCoreTests/*.swift") + glob.glob("Tests/bomcheckTests/*.swift")):
    for body in literals(open(test, encoding="utf-8").read()):
        if ":" not in body or "\\(" in body or len(body) < 4:
            continue
        text = unescape(body)
        write(text.encode("utf-8"))
        if text.startswith("  - "):
            write((HEADER + text).encode("utf-8"))
        snippets += 1
print(f"{len(os.listdir(out))} seeds ({len(files)} files, {snippets} test snippets) in {out}")
