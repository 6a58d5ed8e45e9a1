#!/usr/bin/env bash
# The A/B of RouteRecorder.stats (2026-11-27), from the repository's root on this commit. base = this commit's
# benchmark jar with the two classes the change touched (RouteRecorder, Latencies) put back as they were at 52e881e,
# so that both jars run the same benchmark code; new = this commit. Four rounds, the order reversed in rounds 3 and 4.
set -euo pipefail
mvn -B -q -pl strangler-benchmarks -am package -DskipTests -Dmaven.javadoc.skip
cp strangler-benchmarks/target/benchmarks.jar new.jar
cp new.jar base.jar
rm -rf base-classes && mkdir base-classes
git archive 52e881e strangler-core/src/main/java/io/strangler/core/metrics | tar -x -C base-classes
javac -d base-classes/out -cp new.jar base-classes/strangler-core/src/main/java/io/strangler/core/metrics/*.java
zip -q -d base.jar 'io/strangler/core/metrics/RouteRecorder$Latency.class'
(cd base-classes/out && jar uf ../../base.jar io/strangler/core/metrics/RouteRecorder.class \
  io/strangler/core/metrics/Latencies.class)
for r in 1 2 3 4; do
  if [ "$r" -le 2 ]; then order="base new"; else order="new base"; fi
  for v in $order; do
    java -jar "$v.jar" StatsBenchmarks -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff "stats-$v-r$r.json"
  done
done
python3 strangler-benchmarks/results/2026-11-27-stats/ab.py .
