#!/usr/bin/env python3
"""Summarises an interleaved A/B of JMH throughput runs: files VARIANT-rROUND-tTHREADS.json in one folder.

For every benchmark and variant: throughput at 1 and 2 threads per round and the 2-thread scaling
thr(t2)/thr(t1) per round (median, min, max), and the throughput ratio of each variant to the first one named,
round by round, at 1 and at 2 threads.

usage: scaling.py FOLDER VARIANT [VARIANT ...]    e.g. scaling.py results/2026-11-26-scaling ab-base ab-new
"""
import glob, json, os, re, statistics, sys

folder, variants = sys.argv[1], sys.argv[2:]
runs = {}  # (variant, round, threads) -> {benchmark: ops/s}
for path in glob.glob(os.path.join(folder, '*.json')):
    m = re.match(r'(.+)-r(\d+)-t(\d+)\.json$', os.path.basename(path))
    if m:
        runs[(m.group(1), int(m.group(2)), int(m.group(3)))] = {
            r['benchmark'].rsplit('.', 1)[1]: r['primaryMetric']['score'] for r in json.load(open(path))}
rounds = sorted({r for (_, r, _) in runs})
benchmarks = sorted({b for s in runs.values() for b in s})


def spread(xs):
    return f"{statistics.median(xs):.2f}x (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})" if xs else "-"


for b in benchmarks:
    print(f"## {b}")
    for v in variants:
        scaling = []
        for r in rounds:
            t1, t2 = runs.get((v, r, 1), {}).get(b), runs.get((v, r, 2), {}).get(b)
            if t1 and t2:
                scaling.append(t2 / t1)
                print(f"  {v} r{r}: {t1 / 1e6:.2f}M -> {t2 / 1e6:.2f}M ops/s ({t2 / t1:.2f}x)")
        print(f"  {v} scaling {spread(scaling)}")
    for v in variants[1:]:
        for t in (1, 2):
            ratios = [runs[(v, r, t)][b] / runs[(variants[0], r, t)][b] for r in rounds
                      if b in runs.get((v, r, t), {}) and b in runs.get((variants[0], r, t), {})]
            print(f"  {v}/{variants[0]} throughput at {t} thread(s): {spread(ratios)}")
