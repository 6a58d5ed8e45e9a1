#!/usr/bin/env bash
# The final runs of 2026-11-26 (see RESULTS.md, "2026-11-26: the reshaped core, final runs"), as they were run:
# tip.jar is the benchmark jar of the scaling branch's tip (git rev 1f9c19e^2), main.jar that of main at f4cf331;
# both with the same benchmark sources. Files were renamed afterwards for scaling.py: ab-tip-rN -> tip-rN,
# ab-main-rN -> main-rN, final-rN -> main-r(N+3).
# Phase A: interleaved A/B, scaling branch tip vs main, the modern path at 1 and 2 threads.
# Phase B: main, every benchmark but the recorder micro-benchmarks, 1 thread with -prof gc.
# Phase C: main, RouterBenchmarks at 1 and 2 threads, 3 rounds, for the scaling figures.
set -u
cd /tmp/jmh/out   # tip.jar and main.jar in /tmp/jmh
J="java -jar"
AB='RouterBenchmarks\.(routerProxyCanaryModern|routerCanaryModern|routerDecide)$'
run() { echo "$(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $*" >> log.txt; "$@" > /dev/null 2>>err.txt; }
for r in 1 2 3; do
  if [ $((r % 2)) = 1 ]; then order="tip main"; else order="main tip"; fi
  for v in $order; do
    for t in 1 2; do
      run $J ../$v.jar "$AB" -f 1 -wi 3 -w 1s -i 8 -r 1s -bm thrpt -tu s -t $t -rf json -rff ab-$v-r$r-t$t.json
    done
  done
done
run $J ../main.jar -e RecorderBenchmarks -f 1 -wi 3 -w 1s -i 10 -r 1s -prof gc -t 1 -rf json -rff gc-t1.json
run $J ../main.jar RouterBenchmarks -f 1 -wi 3 -w 1s -i 10 -r 1s -prof gc -t 2 -rf json -rff gc-t2.json
for r in 1 2 3; do
  for t in 1 2; do
    run $J ../main.jar RouterBenchmarks -f 1 -wi 3 -w 1s -i 8 -r 1s -bm thrpt -tu s -t $t -rf json -rff final-r$r-t$t.json
  done
done
echo "$(date +%T) done" >> log.txt
