"""The A/B table of StatsBenchmarks: per benchmark, base and new (median and range of the rounds, us/op and B/op),
and new / base per round (median and range). Usage: python3 ab.py [DIR]"""
import glob
import json
import re
import statistics
import sys

d = sys.argv[1] if len(sys.argv) > 1 else '.'
runs = {}
for f in sorted(glob.glob(d + '/stats-*-r*.json')):
    variant, rnd = re.search(r'stats-(\w+)-r(\d+)\.json$', f).groups()
    for b in json.load(open(f)):
        name = b['benchmark'].rsplit('.', 1)[1]
        runs.setdefault(name, {}).setdefault(variant, {})[int(rnd)] = (
            b['primaryMetric']['score'] / 1000, b['secondaryMetrics']['gc.alloc.rate.norm']['score'])


def spread(xs, fmt):
    return f"{fmt(statistics.median(xs))} ({fmt(min(xs))}–{fmt(max(xs))})"


print('| benchmark | base µs/op | new µs/op | new / base | base B/op | new B/op |')
print('|---|---:|---:|---:|---:|---:|')
for name, v in runs.items():
    rounds = sorted(set(v['base']) & set(v['new']))
    base = [v['base'][r][0] for r in rounds]
    new = [v['new'][r][0] for r in rounds]
    ratio = [v['new'][r][0] / v['base'][r][0] for r in rounds]
    print(f"| `{name}` | {spread(base, lambda x: f'{x:,.1f}')} | {spread(new, lambda x: f'{x:,.1f}')} | "
          f"{spread(ratio, lambda x: f'{x:.3f}')} | {v['base'][rounds[0]][1]:,.0f} | {v['new'][rounds[0]][1]:,.0f} |")
print(f"\n{len(rounds)} rounds")
