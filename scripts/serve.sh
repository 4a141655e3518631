#!/usr/bin/env bash
# Start the action server, the Rasa server (REST, web widget, Telegram) and the hand-off outbox
# worker in the foreground, on 127.0.0.1 unless RASA_HOST says otherwise; Ctrl-C stops them.
# If one of them dies it is restarted, up to MAX_RESTARTS times; after that all are stopped
# with a message.
# With "shell" as first argument, open `rasa shell` instead of the server.
#
# Settings (environment): RASA_HOST, RASA_PORT, ACTIONS_PORT, HDF_DATA_DIR (conversations and
# signing key, default var/), HDF_RETENTION_DAYS (conversations idle longer are erased at each
# start, default 180), RASA_API_TOKEN or RASA_JWT_SECRET (turn Rasa's HTTP API on, behind that
# token; off otherwise), and the channels' variables (README, "Channels").
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_HOST="${RASA_HOST:-127.0.0.1}"
RASA_PORT="${RASA_PORT:-5005}"
MAX_RESTARTS="${MAX_RESTARTS:-5}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:${ACTIONS_PORT}/webhook}"
PY=.venv/bin/python
MODEL=models/current.tar.gz

api_options=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  api_options=(--enable-api --auth-token "$RASA_API_TOKEN")
elif [ -n "${RASA_JWT_SECRET:-}" ]; then
  api_options=(--enable-api --jwt-secret "$RASA_JWT_SECRET")
fi

actions_pid=""
rasa_pid=""
outbox_pid=""
stop_all() {
  trap - INT TERM EXIT
  for pid in $rasa_pid $actions_pid $outbox_pid; do kill -INT "$pid" 2>/dev/null || true; done
  for _ in 1 2 3 4 5; do
    kill -0 $rasa_pid $actions_pid $outbox_pid 2>/dev/null || break
    sleep 1
  done
  for pid in $rasa_pid $actions_pid $outbox_pid; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

start_actions() {
  "$PY" -m actions --host 127.0.0.1 --port "$ACTIONS_PORT" &
  actions_pid=$!
  for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:${ACTIONS_PORT}/health" >/dev/null && return 0
    kill -0 "$actions_pid" 2>/dev/null || { echo "The action server did not start." >&2; return 1; }
    sleep 1
  done
  echo "The action server did not answer within 60 s." >&2
  return 1
}

start_outbox() {  # sends the hand-off requests (README, "Hand-off"); one, never two
  "$PY" -m handoff &
  outbox_pid=$!
}

start_rasa() {
  "$PY" -m bot run --model "$MODEL" --endpoints bot/endpoints.yml --credentials bot/credentials.yml \
    --interface "$RASA_HOST" --port "$RASA_PORT" "${api_options[@]}" &
  rasa_pid=$!
}

"$PY" -m bot.conversations purge --older-than "${HDF_RETENTION_DAYS:-180}"
"$PY" -m handoff requests purge --older-than "${HDF_RETENTION_DAYS:-180}"
start_actions || exit 1

if [ "${1:-}" = "shell" ]; then
  "$PY" -m bot shell --model "$MODEL" --endpoints bot/endpoints.yml --interface 127.0.0.1 --port "$RASA_PORT"
  exit $?
fi

echo "Starting the assistant (about 30 s)…"
echo "  REST:        http://${RASA_HOST}:${RASA_PORT}/webhooks/rest/webhook"
echo "  Web widget:  http://${RASA_HOST}:${RASA_PORT}/webhooks/webchat/chat"
echo "  Telegram:    http://${RASA_HOST}:${RASA_PORT}/webhooks/telegram/webhook"
echo "  HTTP API:    $([ ${#api_options[@]} -gt 0 ] && echo "on, behind a token" || echo off)"
echo "  Data:        ${HDF_DATA_DIR:-var}/ (conversations, hand-off requests, signing key)"
start_outbox
start_rasa

restarts=0
while true; do
  wait -n "$rasa_pid" "$actions_pid" "$outbox_pid" 2>/dev/null || true
  if ! kill -0 "$rasa_pid" 2>/dev/null; then which="Rasa server"
  elif ! kill -0 "$actions_pid" 2>/dev/null; then which="action server"
  elif ! kill -0 "$outbox_pid" 2>/dev/null; then which="outbox worker"
  else
    sleep 1  # woken by something else (a signal): all still run
    continue
  fi
  restarts=$((restarts + 1))
  if [ "$restarts" -gt "$MAX_RESTARTS" ]; then
    echo "The $which stopped again ($restarts times): stopping the assistant." >&2
    exit 1
  fi
  echo "The $which stopped: restarting it ($restarts/$MAX_RESTARTS)." >&2
  case "$which" in
    "Rasa server") start_rasa ;;
    "action server") start_actions || exit 1 ;;
    *) start_outbox ;;
  esac
done
