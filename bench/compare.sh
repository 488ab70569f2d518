#!/usr/bin/env bash
# The whole engine comparison in one run window on this machine: the FMA peak (peak.c), PyTorch on
# CPU in NCHW and channels_last (torch_bench.py, which also exports the ONNX models), our JMH suite
# with the ONNX Runtime peer, -prof gc and the foreign-load profiler, then the side-by-side table.
#
#   bench/compare.sh            full run (~15-20 min on 2 cores)
#   bench/compare.sh --quick    smoke test of the plumbing (minutes; figures meaningless)
#
# Environment: OUT (results folder, default bench/target/compare), FER_SHARED (default ../shared),
# JMH_OPTS (extra JMH options, e.g. "-p threads=1,8"), TORCH_OPTS (extra torch_bench.py options),
# SKIP_BUILD=1 (use the existing bench/target/fer-bench.jar), SKIP_TORCH=1 (reuse OUT's torch files).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || { echo "no JDK 25 found under /usr/lib/jvm" >&2; exit 1; }
JAVA="$JAVA_HOME/bin/java"
SHARED=${FER_SHARED:-../shared}
PEERS="$SHARED/bench/peers"
OUT=${OUT:-bench/target/compare}
JAR=bench/target/fer-bench.jar
mkdir -p "$OUT"
[ -f "$PEERS/torch_bench.py" ] || { echo "no $PEERS/torch_bench.py: set FER_SHARED to the shared folder" >&2; exit 1; }

step() { printf '\n== %s  [%s]\n' "$1" "$(date -u +%H:%M:%S)"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build bench/target/fer-bench.jar"
  ./mvnw -B -q -pl bench -am package -DskipTests
fi

step "FP32 FMA peak (peak.c)"
gcc -O2 -march=native -pthread -o "$OUT/peak" "$PEERS/peak.c"
# the hypervisor's steal time (8th counter of /proc/stat's cpu line, in 1/100 s) around the run:
# a peak measured while the host ran other guests on our vCPUs is too low
steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; }
steal0=$(steal_ticks); t0=$(date +%s.%N)
"$OUT/peak" > "$OUT/peak.json.tmp"
steal1=$(steal_ticks); t1=$(date +%s.%N)
/usr/bin/python3 - "$OUT/peak.json.tmp" "$steal0" "$steal1" "$t0" "$t1" <<'PY'
import json, sys
path, s0, s1, t0, t1 = sys.argv[1], *map(float, sys.argv[2:])
peak = json.load(open(path))
peak["host_steal_cores"] = round((s1 - s0) / 100 / max(t1 - t0, 1e-9), 3)
json.dump(peak, open(path, "w"), indent=2)
PY
mv "$OUT/peak.json.tmp" "$OUT/peak.json"
cat "$OUT/peak.json"

if [ "${SKIP_TORCH:-0}" != 1 ]; then
  torch_quick=()
  [ $quick = 1 ] && torch_quick=(--quick --wait-idle 0)
  step "PyTorch NCHW networks + layers in both layouts, ONNX export (torch_bench.py)"
  /usr/bin/python3 "$PEERS/torch_bench.py" --onnx-dir "$OUT" --out "$OUT/torch-nchw.json" \
      "${torch_quick[@]}" ${TORCH_OPTS:-} >/dev/null
  step "PyTorch channels_last networks (torch_bench.py --channels-last)"
  /usr/bin/python3 "$PEERS/torch_bench.py" --only W1,W2 --channels-last --no-onnx --out "$OUT/torch-cl.json" \
      "${torch_quick[@]}" ${TORCH_OPTS:-} >/dev/null
fi

step "fer engine and ONNX Runtime (JMH, -prof gc)"
jmh_quick=()
[ $quick = 1 ] && jmh_quick=(-wi 1 -w 1 -i 1 -r 1)
# jmh.ignoreLock: other modules' benchmarks may run at the same time on a shared machine (their
# load then shows in the foreign-load column instead of stopping this run)
"$JAVA" -Djmh.ignoreLock=true -Dfer.onnx.dir="$OUT" -jar "$JAR" 'dev\.fer\.bench\.engine\..*Benchmark' \
    -prof gc -prof dev.fer.bench.engine.ForeignLoadProfiler \
    -rf json -rff "$OUT/jmh.json" "${jmh_quick[@]}" ${JMH_OPTS:-} | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true

step "comparison"
"$JAVA" -jar "$JAR" compare --ours "$OUT/jmh.json" --torch "$OUT/torch-nchw.json" --torch-cl "$OUT/torch-cl.json" \
    --peak "$OUT/peak.json" --out "$OUT/comparison.md"
echo
echo "files: $OUT/{peak,torch-nchw,torch-cl,jmh}.json, $OUT/jmh.txt (JMH's full output), $OUT/comparison.md"
