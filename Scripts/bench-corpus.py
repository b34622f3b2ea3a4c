#!/usr/bin/env python3
"""Deterministic BOM v1 corpus for the benchmark: Scripts/bench-corpus.py OUT_DIR [--files N] [--parts P]
[--single-mb M].

Default: 500 files (480 products, 20 shared assemblies) with about 100,000 parts in total: nested
assemblies, magnets (grades, compositions), chips and modules (declared and by name), includes, an
anchor/alias per file. With --single-mb M, writes one product file of about M MB instead.
"""
import os, random, sys

def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default

out = sys.argv[1]
files = arg("--files", 500)
parts_total = arg("--parts", 100_000)
single_mb = arg("--single-mb", 0.0)
rng = random.Random(20261125)
os.makedirs(os.path.join(out, "products"), exist_ok=True)
os.makedirs(os.path.join(out, "assemblies"), exist_ok=True)
open(os.path.join(out, ".git-root"), "w").write("benchmark corpus root\n")
os.makedirs(os.path.join(out, ".git"), exist_ok=True)

MARKETS = ["US", "EU", "JP", "CN", "KR", "VN", "AE", "IN", "BR", "MX", "GB", "AU"]
ORIGINS = ["CN", "CN", "CN", "JP", "DE", "US", "VN", "TW", "unknown"]
GRADES = ["N35", "N42", "N42SH", "N45UH", "N48H", "N52", "N38EH", "N45M"]

def magnet(ref, ind):
    kind = rng.random()
    lines = [f"{ind}- ref: {ref}", f"{ind}  name: Rotor arc magnet {rng.randint(10, 99)} mm",
             f"{ind}  kind: magnet", f"{ind}  origin: {rng.choice(ORIGINS)}", f"{ind}  qty: {rng.randint(2, 40)}",
             f"{ind}  mass_g: {rng.randint(1, 90)}.{rng.randint(0, 9)}"]
    if kind < 0.15:
        lines += [f"{ind}  material: SmCo", f"{ind}  grade: YXG-28"]
    else:
        lines += [f"{ind}  material: NdFeB", f"{ind}  grade: {rng.choice(GRADES)}"]
        if kind < 0.6:
            dy = rng.choice([0, 0.5, 1.2, 3.0, 4.5])
            lines.append(f"{ind}  composition: {{Nd: 24.0, Pr: 6.0, Dy: {dy}, Fe: {round(68.8 - dy, 1)}, B: 1.0}}")
    lines.append(f"{ind}  refined_in: {rng.choice(['CN', 'unknown', 'JP'])}")
    return lines

def chip(ref, ind):
    r = rng.random()
    if r < 0.3:
        return [f"{ind}- ref: {ref}", f"{ind}  name: AI inference card", f"{ind}  kind: module",
                f"{ind}  manufacturer: Huawei", f"{ind}  mpn: Atlas 300I Duo"]
    if r < 0.5:
        return [f"{ind}- ref: {ref}", f"{ind}  name: GPU", f"{ind}  chip: {{designer: NVIDIA, family: Hopper, model: H100, tpp: 15832}}"]
    if r < 0.6:
        return [f"{ind}- ref: {ref}", f"{ind}  name: Huawei Ascend 910B training module"]
    return [f"{ind}- ref: {ref}", f"{ind}  name: Microcontroller", f"{ind}  manufacturer: ST", f"{ind}  mpn: STM32H743ZIT6",
            f"{ind}  origin: {rng.choice(ORIGINS)}", f"{ind}  unit_cost: 8.40 USD"]

def plain(ref, ind):
    return [f"{ind}- ref: {ref}", f"{ind}  name: {rng.choice(['Resistor 10k 0402', 'Capacitor 100nF', 'M3 screw', 'Bearing 6202', 'Connector 8p', 'Housing'])}",
            f"{ind}  manufacturer: {rng.choice(['Yageo', 'Murata', 'Bossard', 'SKF', 'Molex'])}",
            f"{ind}  mpn: P{rng.randint(100000, 999999)}", f"{ind}  qty: {rng.randint(1, 12)}", f"{ind}  origin: {rng.choice(ORIGINS)}",
            f"{ind}  unit_cost: 0.{rng.randint(10, 99)} USD"]

def part_tree(prefix, count, ind, depth):
    """Lines for `count` parts (counting nested ones) under `ind`."""
    lines, made, i = [], 0, 0
    while made < count:
        i += 1
        ref = f"{prefix}{i}"
        left = count - made
        if depth < 4 and left > 6 and rng.random() < 0.25:
            sub = min(left - 1, rng.randint(3, 12))
            lines += [f"{ind}- ref: {ref}", f"{ind}  name: {rng.choice(['BLDC motor', 'Servo actuator', 'Sensor module', 'Sub-assembly'])}",
                      f"{ind}  origin: {rng.choice(ORIGINS)}", f"{ind}  parts:"]
            lines += part_tree(ref + "-", sub, ind + "    ", depth + 1)
            made += sub + 1
            continue
        r = rng.random()
        lines += magnet(ref, ind) if r < 0.15 else chip(ref, ind) if r < 0.22 else plain(ref, ind)
        made += 1
    return lines

assemblies = max(1, files // 25)
assembly_parts = 20
for a in range(assemblies):
    body = part_tree("A", assembly_parts, "  ", 1)
    open(os.path.join(out, "assemblies", f"asm-{a:03d}.yaml"), "w").write(
        f"bomcheck: 1\nassembly:\n  id: asm-{a:03d}\n  name: Shared assembly {a}\nparts:\n" + "\n".join(body) + "\n")

products = files - assemblies
def product(p, parts):
    markets = ", ".join(rng.sample(MARKETS, rng.randint(2, 6)))
    includes = rng.randint(1, 3)
    own = max(1, parts - includes * (assembly_parts + 1))
    body = ["  - &std", "    ref: STD", "    name: Standard fastener kit", "    qty: 4", "    origin: DE",
            "  - <<: *std", "    ref: STD2"]
    body += part_tree("P", own - 2, "  ", 1)
    for k in range(includes):
        body += [f"  - ref: INC{k}", f"    name: Included assembly {k}", f"    include: ../assemblies/asm-{rng.randrange(assemblies):03d}.yaml"]
    return (f"# generated benchmark product {p}\nbomcheck: 1\nproduct:\n  id: bench-{p:05d}\n  name: Benchmark product {p}\n"
            f"  assembled_in: {rng.choice(['VN', 'DE', 'CN', 'MX', 'unknown'])}\n  markets: [{markets}]\n"
            f"  unit_value: {rng.randint(100, 9000)} USD\nparts:\n" + "\n".join(body) + "\n")

if single_mb:
    target = int(single_mb * 1_000_000)
    text, chunk = "", 2000
    estimate = len(product(0, chunk))
    parts = int(chunk * target / estimate)
    open(os.path.join(out, "products", "big.yaml"), "w").write(product(0, parts))
else:
    per = parts_total // products
    for p in range(products):
        open(os.path.join(out, "products", f"p{p:05d}.yaml"), "w").write(product(p, per))
