#!/usr/bin/env bash
# Load test of /api/messages with expectReplies turns: the real engine (sentence model included) and
# dialogs answering, SQLite state (Storage__Provider=memory for the memory store). Publishes Release,
# starts the host on 127.0.0.1:3978, warms it up, then measures with wrk and expect-replies.lua, over
# texts that never repeat (every evaluation question with a different opening and ending):
#   1. saturation: 2 threads, 32 connections;
#   2. latency at a fixed rate: RATE turns/s (default 175, half the 350 target), 2 threads, 8
#      connections each pausing between requests.
#
# Usage: tests/load/run.sh [seconds]        (default 20 seconds per measurement)
#   WARMUP_SECONDS=30  how long to load the host before measuring. The JIT's tiering (tier 0, then
#                      instrumented, then optimised code) takes 10-15 s under full load on 2 cores;
#                      the first seconds run at about a third of the steady rate.
#   RATE=175           the fixed rate of the second measurement, in turns per second.
# Needs wrk, curl and node: apt-get install -y wrk curl
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${1:-20}"
warmup="${WARMUP_SECONDS:-30}"
rate="${RATE:-175}"
for tool in wrk curl node; do
  command -v "$tool" > /dev/null || { echo "tests/load/run.sh: $tool is missing: apt-get install -y wrk curl (node comes with the SDK's prerequisites)" >&2; exit 2; }
done

out="$(mktemp -d)"
# One question per line from every evaluation set (the texts the script varies so none repeats).
node "$root/tests/load/questions.js" "$root/tests/Microneedling.FactCheck.Tests/eval" "$out/questions.txt"
echo "== $(wc -l < "$out/questions.txt") distinct questions, each sent with varying openings and endings"
echo "== publishing Release into $out/app"
dotnet publish "$root/src/Microneedling.Bot" -c Release -o "$out/app" --nologo -v quiet
(cd "$out/app" && ASPNETCORE_URLS=http://127.0.0.1:3978 Logging__LogLevel__Default=Warning Storage__Path="$out/data" exec dotnet Microneedling.Bot.dll > "$out/bot.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:3978/readyz > /dev/null && break; sleep 0.2; done
curl -sf http://127.0.0.1:3978/readyz > /dev/null || { echo "tests/load/run.sh: the host did not start; its log:" >&2; cat "$out/bot.log" >&2; exit 1; }

echo "== $(nproc) cores; state store: ${Storage__Provider:-sqlite}; host log: $out/bot.log"
# Resident memory sampled every half second from here on: the figure to hold under load is the peak,
# not the value after the run (the garbage collector gives memory back, or not, on its own schedule).
(while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid" >> "$out/rss.txt" 2>/dev/null || true; sleep 0.5; done) &
sampler=$!
trap 'kill $pid $sampler 2>/dev/null || true' EXIT

echo "== warm-up (${warmup}s, 2 threads, 32 connections)"
wrk -t2 -c32 -d"${warmup}s" -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978 -- "$out/questions.txt" 0 0 | grep -E "Requests/sec|replies"

echo "== saturation (2 threads, 32 connections, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978 -- "$out/questions.txt" 0 1

# 32 connections, each pausing 32000/RATE ms before every request: about RATE turns/s when the host
# keeps up (a little under: each pause starts after the reply).
pause=$(( 32000 / rate ))
echo "== fixed rate (about ${rate} turns/s: 32 connections, ${pause} ms between requests each, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978 -- "$out/questions.txt" "$pause" 2
peak=$(sort -n "$out/rss.txt" | tail -n 1)
median=$(sort -n "$out/rss.txt" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "== host memory under load: peak $(( peak / 1024 )) MB, median $(( median / 1024 )) MB resident; after the run $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
