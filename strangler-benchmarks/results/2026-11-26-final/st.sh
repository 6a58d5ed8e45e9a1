#!/usr/bin/env bash
# As run: in /tmp/jmh/st, with before.jar (b109734, its own benchmark sources) and main.jar (f4cf331) in /tmp/jmh;
# outputs renamed st-VARIANT-rN-t1.json here.
# Single-thread before/after: the starting commit (b109734, its own benchmark classes) and main, interleaved.
set -u
cd /tmp/jmh/st
RE='(RouterBenchmarks\.(routerLegacy|routerLegacyPrebuiltCall|routerCanaryModern|routerCanaryModernPrebuiltCall|routerCanaryLegacy|routerDecide|routerProxyCanaryModern)|ShadowBenchmarks\.(routerShadowUnsampled|routerShadowSaturated))$'
for r in 1 2 3; do
  if [ $((r % 2)) = 1 ]; then order="before main"; else order="main before"; fi
  for v in $order; do
    echo "$(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $v r$r" >> log.txt
    java -jar ../$v.jar "$RE" -f 1 -wi 3 -w 1s -i 6 -r 1s -t 1 -prof gc -rf json -rff $v-r$r-t1.json > /dev/null 2>>err.txt
  done
done
echo "$(date +%T) done" >> log.txt
