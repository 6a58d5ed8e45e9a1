#!/usr/bin/env python3
"""Markdown tables from two JMH JSON result files (1 and 2 threads) and their logs.

    python3 tables.py jmh-t1.json jmh-t2.json

The logs (jmh-t1.txt, jmh-t2.txt next to the JSON files) hold the lines the shadow benchmarks print at teardown:
SHADOW-STATS (how the shadows of the measurement iterations ended) and CALLER-ALLOC (what each calling thread
allocated itself, per operation); they are read when present.
"""
import json
import os
import statistics
import sys

ORDER = ["direct", "routerLegacy", "routerLegacyPrebuiltCall", "routerCanaryModern", "routerCanaryModernPrebuiltCall",
         "routerCanaryLegacy", "routerCanaryMixed", "routerDecide", "routerProxyCanaryModern",
         "directFind", "routerShadowUnsampled", "routerShadow", "routerShadowSampled10", "routerShadowSaturated",
         "scientist4jRun", "scientist4jRunAsync",
         "ff4jPonderationCheck", "unleashIsEnabled", "togglzGradual",
         "guavaMurmurBucket", "r4jCircuitBreaker[SYNCHRONIZED]", "r4jCircuitBreaker[LOCK_FREE]", "micrometerTimer",
         "systemNanoTime"]


def load(path):
    rows = {}
    for b in json.load(open(path)):
        name = b["benchmark"].rsplit(".", 1)[1]
        if b.get("params"):
            name += "[" + ",".join(b["params"].values()) + "]"
        pm = b["primaryMetric"]
        raw = [x for fork in pm["rawData"] for x in fork]
        alloc = b["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
        rows[name] = dict(score=pm["score"], error=pm["scoreError"], median=statistics.median(raw), min=min(raw),
                          alloc=alloc, threads=b["threads"])
    return rows


def load_log(path):
    """SHADOW-STATS and CALLER-ALLOC lines of a JMH log: {benchmark: stats}, {benchmark: [bytes per op per thread]}."""
    shadow, caller = {}, {}
    if not os.path.exists(path):
        return shadow, caller
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("SHADOW-STATS "):
            s = json.loads(line[len("SHADOW-STATS "):])
            shadow[s["benchmark"]] = s
        elif line.startswith("CALLER-ALLOC "):
            s = json.loads(line[len("CALLER-ALLOC "):])
            caller.setdefault(s["benchmark"], []).append(s["bytesPerOp"])
    return shadow, caller


def fmt(x):
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def table(rows, caller):
    d = rows["direct"] if "direct" in rows else rows["directFind"]
    out = ["| benchmark | ns/op (mean ± 99.9% error) | median iteration | best iteration | B/op (`-prof gc`) "
           "| B/op caller thread | mean − direct (ns) | mean / direct |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in ORDER:
        if name not in rows:
            continue
        r = rows[name]
        alloc = "0" if r["alloc"] < 0.5 else f"{r['alloc']:,.0f}"
        own = "–" if name not in caller else " / ".join(
            "0" if b < 0.5 else f"{b:,.0f}" for b in caller[name])
        out.append(f"| `{name}` | {fmt(r['score'])} ± {fmt(r['error'])} | {fmt(r['median'])} | {fmt(r['min'])} "
                   f"| {alloc} | {own} | {r['score'] - d['score']:,.1f} | {r['score'] / d['score']:,.0f}× |")
    return "\n".join(out)


def shadow_table(runs):
    out = ["| benchmark | threads | reads (measurement) | compared | dropped | timed out | compared share "
           "| dropped share | comparisons/s |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for shadow in runs:
        for name in ["routerShadow", "routerShadowSampled10", "routerShadowSaturated"]:
            if name not in shadow:
                continue
            s = shadow[name]
            compared = s["matches"] + s["mismatches"] + s["ignored"]
            out.append(f"| `{name}` | {s['threads']} | {s['reads']:,} | {compared:,} | {s['dropped']:,} "
                       f"| {s['timeouts']:,} | {100 * s['comparedShare']:.1f} % | {100 * s['droppedShare']:.1f} % "
                       f"| {compared / s['seconds']:,.0f} |")
    return "\n".join(out)


def scaling(t1, t2):
    out = ["| benchmark | 1 thread ns/op | 2 threads ns/op (per thread) | scaling 2·t1/t2 (means) | scaling (medians) |",
           "|---|---:|---:|---:|---:|"]
    for name in ORDER:
        if name in t1 and name in t2:
            a, b = t1[name], t2[name]
            out.append(f"| `{name}` | {fmt(a['score'])} | {fmt(b['score'])} | {2 * a['score'] / b['score']:.2f}× "
                       f"| {2 * a['median'] / b['median']:.2f}× |")
    return "\n".join(out)


if __name__ == "__main__":
    p1, p2 = sys.argv[1], sys.argv[2]
    t1, t2 = load(p1), load(p2)
    s1, c1 = load_log(p1[:-len(".json")] + ".txt")
    s2, c2 = load_log(p2[:-len(".json")] + ".txt")
    print("### 1 thread\n")
    print(table(t1, c1))
    print("\n### 2 threads\n")
    print(table(t2, c2))
    print("\n### Shadows\n")
    print(shadow_table([s1, s2]))
    print("\n### Scaling\n")
    print(scaling(t1, t2))
