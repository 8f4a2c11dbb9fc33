#!/usr/bin/env bash
# Load test of /api/messages with expectReplies turns: the real engine and dialogs answering, SQLite
# state (Storage__Provider=memory for the memory store). Publishes Release, starts the host on
# 127.0.0.1:3978, warms it up, then measures
#   1. saturation: wrk, 2 threads, 32 connections, the 16-question mix of expect-replies.lua;
#   2. latency at a fixed rate: 4 hey processes (own conversation and question each), 4 workers
#      each held at RATE_PER_WORKER requests/s (default 94: 1,504 turns/s in total, half the target).
#
# Usage: tests/load/run.sh [seconds]        (default 20 seconds per measurement)
#   WARMUP_SECONDS=30  how long to load the host before measuring. The JIT's tiering (tier 0, then
#                      instrumented, then optimised code) takes 10-15 s under full load on 2 cores;
#                      the first seconds run at about a third of the steady rate.
# Needs wrk and hey: apt-get install -y wrk hey
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${1:-20}"
warmup="${WARMUP_SECONDS:-30}"
rate_per_worker="${RATE_PER_WORKER:-94}"
for tool in wrk hey curl; do
  command -v "$tool" > /dev/null || { echo "tests/load/run.sh: $tool is missing: apt-get install -y wrk hey curl" >&2; exit 2; }
done

out="$(mktemp -d)"
echo "== publishing Release into $out/app"
dotnet publish "$root/src/Microneedling.Bot" -c Release -o "$out/app" --nologo -v quiet
(cd "$out/app" && ASPNETCORE_URLS=http://127.0.0.1:3978 Logging__LogLevel__Default=Warning Storage__Path="$out/data" exec dotnet Microneedling.Bot.dll > "$out/bot.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:3978/readyz > /dev/null && break; sleep 0.2; done
curl -sf http://127.0.0.1:3978/readyz > /dev/null || { echo "tests/load/run.sh: the host did not start; its log:" >&2; cat "$out/bot.log" >&2; exit 1; }

echo "== $(nproc) cores; state store: ${Storage__Provider:-sqlite}; host log: $out/bot.log"
echo "== warm-up (${warmup}s, 2 threads, 32 connections)"
wrk -t2 -c32 -d"${warmup}s" -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978 | grep -E "Requests/sec|replies"

echo "== saturation (2 threads, 32 connections, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978

echo "== fixed rate ($((rate_per_worker * 16)) turns/s in total, ${secs}s)"
questions=("is home rolling 3-5 times a week safe?" "can I use a derma roller while on accutane" "how do I clean my roller" "does it help with acne scars and stretch marks")
hey_pids=()
for c in 1 2 3 4; do
  # No activity id: hey repeats one body, and a repeated id would be answered as a re-delivery
  # (from memory, without a turn). Activities without an id always run.
  body="{\"type\":\"message\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://localhost:3978\",\"conversation\":{\"id\":\"hey-$c\"},\"from\":{\"id\":\"u$c\"},\"recipient\":{\"id\":\"bot\"},\"deliveryMode\":\"expectReplies\",\"text\":\"${questions[$((c - 1))]}\"}"
  hey -z "${secs}s" -c 4 -q "$rate_per_worker" -m POST -T application/json -d "$body" http://127.0.0.1:3978/api/messages > "$out/hey-$c.txt" &
  hey_pids+=("$!")
done
wait "${hey_pids[@]}"
for c in 1 2 3 4; do echo "-- conversation $c"; grep -E "Requests/sec|50% in|99% in|responses$" "$out/hey-$c.txt"; done
echo "== host memory after the run: $(( $(ps -o rss= -p "$pid") / 1024 )) MB resident"
