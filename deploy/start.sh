#!/usr/bin/env bash
# Start the production profile on this machine, every server on 127.0.0.1:
#   PostgreSQL (conversations), Redis (Rasa's lock store, the channels' shared state),
#   the action server, one Rasa server per port of RASA_PORTS (one Sanic worker each), the
#   hand-off outbox worker (once), nginx in front; each server restarted if it dies.
# Everything lives in deploy/var/ (or DEPLOY_VAR): data, logs, pid files, generated secrets;
# deploy/stop.sh stops it all. Run `make model` (or `make run` once) first; needs
# deploy/install.sh's packages. Put TLS in front of nginx (or in it) to serve the internet.
#
# Settings (environment, with their defaults): NGINX_PORT=8080, RASA_PORTS="5006 5007",
# ACTIONS_PORT=5056, PG_PORT=5433, REDIS_PORT=6380, ACTION_SERVER_SANIC_WORKERS=1,
# MODEL=models/current.tar.gz, and the
# channels' variables (TELEGRAM_*, WEBCHAT_FRAME_ANCESTORS: README, "Channels").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VAR="${DEPLOY_VAR:-$ROOT/deploy/var}"  # DEPLOY_VAR: another folder (tests)
PY="$ROOT/.venv/bin/python"
NGINX_PORT="${NGINX_PORT:-8080}"
RASA_PORTS="${RASA_PORTS:-5006 5007}"
ACTIONS_PORT="${ACTIONS_PORT:-5056}"
PG_PORT="${PG_PORT:-5433}"
REDIS_PORT="${REDIS_PORT:-6380}"
MODEL="${MODEL:-models/current.tar.gz}"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
mkdir -p "$VAR/run" "$VAR/log"

# Secrets: made once, kept in deploy/var/secrets.env (readable by root only).
if [ ! -s "$VAR/secrets.env" ]; then
  umask 077
  {
    echo "PG_PASSWORD=$(openssl rand -hex 24)"
    echo "REDIS_PASSWORD=$(openssl rand -hex 24)"
    echo "HDF_SECRET_KEY=$(openssl rand -hex 32)"
    echo "HDF_REST_TOKEN=$(openssl rand -hex 24)"
  } > "$VAR/secrets.env"
  umask 022
fi
set -a
# shellcheck disable=SC1091
source "$VAR/secrets.env"
set +a
export PG_PORT REDIS_PORT RASA_TELEMETRY_ENABLED=false
export HDF_REDIS_URL="redis://:${REDIS_PASSWORD}@127.0.0.1:${REDIS_PORT}/1"
export ACTION_SERVER_URL="http://127.0.0.1:${ACTIONS_PORT}/webhook"
export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-15}"  # a killed process frees its locks in 15 s
export HDF_ACTION_TIMEOUT="${HDF_ACTION_TIMEOUT:-5}"       # so a turn ends well within that
# Hand-off requests: in the same PostgreSQL database (the action server and the outbox worker).
export HDF_DATABASE_URL="postgresql://hdf:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/hdf"

wait_for() {  # wait_for NAME COMMAND…: retries COMMAND for up to 300 s (a busy machine loads slowly)
  local name=$1; shift
  for _ in $(seq 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "deploy/start.sh: $name did not become ready (logs in deploy/var/log/)" >&2
  return 1
}

# PostgreSQL, as the postgres user (initdb refuses root), in deploy/var/pg.
mkdir -p "$VAR/pg"
chown postgres "$VAR/pg"
if ! su postgres -s /bin/sh -c "test -w '$VAR/pg'"; then
  echo "deploy/start.sh: the postgres user cannot reach $VAR/pg (a parent folder without o+x?)" >&2
  exit 1
fi
if [ ! -s "$VAR/pg/PG_VERSION" ]; then
  printf '%s\n' "$PG_PASSWORD" > "$VAR/run/pgpass" && chown postgres "$VAR/run/pgpass"
  su postgres -s /bin/sh -c "'$PG_BIN/initdb' -D '$VAR/pg' -U postgres --pwfile='$VAR/run/pgpass' \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8" > "$VAR/log/initdb.log"
  rm -f "$VAR/run/pgpass"
fi
chown -R postgres "$VAR/pg"
touch "$VAR/log/postgresql.log" && chown postgres "$VAR/log/postgresql.log"
su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$VAR/pg' -l '$VAR/log/postgresql.log' -w \
  -o \"-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$VAR/pg'\" start" \
  > /dev/null
export PGPASSWORD="$PG_PASSWORD"
psql=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'hdf'")" ]; then
  "${psql[@]}" -c "CREATE ROLE hdf LOGIN PASSWORD '$PG_PASSWORD'"
  "${psql[@]}" -c "CREATE DATABASE hdf OWNER hdf"
fi
unset PGPASSWORD

# Redis, on loopback with a password; nothing written to disk (locks and short-lived state).
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --requirepass "$REDIS_PASSWORD" \
  --daemonize yes --pidfile "$VAR/run/redis.pid" --logfile "$VAR/log/redis.log" \
  --dir "$VAR" --save "" --appendonly no
wait_for Redis redis-cli -p "$REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" ping

start() {  # start NAME COMMAND…: kept running in the background (restarted if it dies);
  local name=$1; shift  # the pid of its supervising loop, a process group, in run/NAME.pid
  setsid bash -c 'while :; do "$@"; echo "deploy: exited ($?), restarting" >&2; sleep 1; done' \
    "$name" "$@" >> "$VAR/log/$name.log" 2>&1 < /dev/null &
  echo $! > "$VAR/run/$name.pid"
}

ACTION_SERVER_SANIC_WORKERS="${ACTION_SERVER_SANIC_WORKERS:-1}" \
  start actions "$PY" -m actions --host 127.0.0.1 --port "$ACTIONS_PORT"
start outbox "$PY" -m handoff  # one worker, never two: it claims and sends the hand-off requests
# RASA_COMPUTE_THREADS (unset: TensorFlow's and BLAS's defaults): compute threads per Rasa
# process. Its effect on a shared 2-core machine was within the noise; measure before setting.
if [ -n "${RASA_COMPUTE_THREADS:-}" ]; then
  export TF_INTER_OP_PARALLELISM_THREADS="$RASA_COMPUTE_THREADS" TF_INTRA_OP_PARALLELISM_THREADS="$RASA_COMPUTE_THREADS"
  export OMP_NUM_THREADS="$RASA_COMPUTE_THREADS" OPENBLAS_NUM_THREADS="$RASA_COMPUTE_THREADS"
fi
for port in $RASA_PORTS; do
  SANIC_WORKERS=1 start "rasa-$port" "$PY" -m bot run --model "$MODEL" \
    --endpoints deploy/endpoints.yml --credentials deploy/credentials.yml \
    --interface 127.0.0.1 --port "$port"
done
wait_for "the action server" curl -fs "http://127.0.0.1:${ACTIONS_PORT}/health"
for port in $RASA_PORTS; do
  wait_for "the Rasa server on $port" curl -fs "http://127.0.0.1:${port}/webhooks/health/ready"
done

# nginx: its configuration made from the template with this run's ports.
upstreams=""
for port in $RASA_PORTS; do upstreams+="    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;"$'\n'; done
mkdir -p "$VAR/nginx"
UPSTREAMS="$upstreams" NGINX_PORT="$NGINX_PORT" VAR="$VAR" "$PY" -c '
import os, string, sys
names = ("UPSTREAMS", "NGINX_PORT", "VAR")  # nginx has $variables of its own: only these
print(string.Template(sys.stdin.read()).safe_substitute({n: os.environ[n] for n in names}))
' < deploy/nginx.conf.template > "$VAR/nginx/nginx.conf"
nginx -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx"
wait_for nginx curl -fs "http://127.0.0.1:${NGINX_PORT}/ready"

echo "The production profile is up, on 127.0.0.1:${NGINX_PORT} (nginx) in front of Rasa on ${RASA_PORTS}."
echo "  Widget:    http://127.0.0.1:${NGINX_PORT}/webhooks/webchat/chat"
echo "  Readiness: http://127.0.0.1:${NGINX_PORT}/ready"
echo "  REST token, database and Redis passwords: deploy/var/secrets.env. Stop: deploy/stop.sh"
