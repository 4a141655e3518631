#!/usr/bin/env bash
# Start the action server and the Rasa server (REST, web widget, Telegram) in the foreground;
# Ctrl-C stops both. With "shell" as first argument, open `rasa shell` instead of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}"
PY=.venv/bin/python

"$PY" -m actions --port "$ACTIONS_PORT" &
actions_pid=$!
rasa_pid=""
cleanup() {
  trap - INT TERM EXIT
  for pid in $rasa_pid $actions_pid; do kill -INT "$pid" 2>/dev/null || true; done
  sleep 2
  for pid in $rasa_pid $actions_pid; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:${ACTIONS_PORT}/health" >/dev/null && break
  kill -0 "$actions_pid" 2>/dev/null || { echo "The action server did not start." >&2; exit 1; }
  sleep 1
done

if [ "${1:-}" = "shell" ]; then
  "$PY" -m rasa shell --model models/current.tar.gz --endpoints bot/endpoints.yml
else
  echo "Starting the assistant (about 30 s)…"
  echo "  REST:        http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook"
  echo "  Web widget:  http://127.0.0.1:${RASA_PORT}/webhooks/webchat/chat"
  echo "  Telegram:    http://127.0.0.1:${RASA_PORT}/webhooks/telegram/webhook"
  "$PY" -m rasa run --enable-api --model models/current.tar.gz --endpoints bot/endpoints.yml \
    --credentials bot/credentials.yml --interface "${RASA_HOST:-127.0.0.1}" --port "$RASA_PORT" &
  rasa_pid=$!
  wait "$rasa_pid"
fi
