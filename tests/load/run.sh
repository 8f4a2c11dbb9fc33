#!/usr/bin/env bash
# Load test of /api/messages with expectReplies turns (real engine answering, SQLite state).
# Usage: tests/load/run.sh [seconds]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${1:-20}"
out="$(mktemp -d)"
dotnet publish "$root/src/Microneedling.Bot" -c Release -o "$out/app" --nologo -v quiet
(cd "$out/app" && ASPNETCORE_URLS=http://127.0.0.1:3978 Logging__LogLevel__Default=Warning Storage__Path="$out/data" exec dotnet Microneedling.Bot.dll > "$out/bot.log" 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:3978/readyz > /dev/null && break; sleep 0.2; done
wrk -t2 -c16 -d5s -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978 > /dev/null   # warm-up
echo "== saturation (2 threads, 32 connections, ${secs}s)"
wrk -t2 -c32 -d"${secs}s" --latency -s "$root/tests/load/expect-replies.lua" http://127.0.0.1:3978
# Latency at a fixed rate (about half the saturation rate): 4 hey processes, each on its own
# conversation, 4 workers each held at RATE_PER_WORKER req/s.
rate_per_worker="${RATE_PER_WORKER:-94}"
if command -v hey > /dev/null; then
  echo "== fixed rate ($((rate_per_worker * 16)) req/s in total, ${secs}s)"
  for c in 1 2 3 4; do
    body="{\"type\":\"message\",\"id\":\"h$c\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://localhost:3978\",\"conversation\":{\"id\":\"hey-$c\"},\"from\":{\"id\":\"u$c\"},\"recipient\":{\"id\":\"bot\"},\"deliveryMode\":\"expectReplies\",\"text\":\"is home rolling 3-5 times a week safe?\"}"
    hey -z "${secs}s" -c 4 -q "$rate_per_worker" -m POST -T application/json -d "$body" http://127.0.0.1:3978/api/messages > "$out/hey-$c.txt" &
  done
  wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
  for c in 1 2 3 4; do echo "-- conversation $c"; grep -E "Requests/sec|50% in|99% in|\[200\]" "$out/hey-$c.txt"; done
fi
