#!/usr/bin/env bash
# JMH benchmark of the mapper and its floors (docs/benchmarks.md). Extra arguments go to JMH, e.g.
#   bash scripts/bench.sh -f 1 -wi 3 -i 5 -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run, so the sibling modules resolve to what it just built
mvn -B -q -DskipTests -pl test-harness -am package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp=$(cat test-harness/target/bench.classpath)
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc)
exec java -cp "test-harness/target/classes:$cp" org.openjdk.jmh.Main MapperBenchmark "${args[@]}"
