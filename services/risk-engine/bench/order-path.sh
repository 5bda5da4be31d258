#!/usr/bin/env bash
# Order-path benchmark: ValidateSignal -> ExecuteOrder over loopback gRPC beside a bare gRPC echo.
# Never part of the build. Usage: services/risk-engine/bench/order-path.sh [calls] [warmup] [threads,...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cp_file="$root/services/risk-engine/target/bench.classpath"
# One invocation, so that sibling modules resolve to their target/classes in the reactor.
# Each module writes the file in turn; the risk engine, built last, writes it last.
./mvnw -B -q -pl services/risk-engine -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" -Dspotless.check.skip=true
classpath="services/risk-engine/target/test-classes:services/risk-engine/target/classes:$(cat "$cp_file")"
exec java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$classpath" oasis.risk.OrderPathBenchmark "$@"
