#!/usr/bin/env bash
# Stop what deploy/start.sh started: nginx, the Rasa servers, the action server, the outbox
# worker, Redis, PostgreSQL. Data stay in deploy/var/.
set -uo pipefail
cd "$(dirname "$0")/.."
VAR="${DEPLOY_VAR:-$(pwd)/deploy/var}"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

[ -s "$VAR/run/nginx.pid" ] && nginx -c "$VAR/nginx/nginx.conf" -p "$VAR/nginx" -s quit 2>/dev/null
for pidfile in "$VAR"/run/rasa-*.pid "$VAR"/run/actions.pid "$VAR"/run/outbox.pid; do
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null     # the supervising loop first, so it restarts nothing
  kill -INT -- "-$pid" 2>/dev/null  # then its process group (setsid made the loop its leader)
  for _ in $(seq 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$pidfile"
done
if [ -s "$VAR/run/redis.pid" ]; then
  kill "$(cat "$VAR/run/redis.pid")" 2>/dev/null
  rm -f "$VAR/run/redis.pid"
fi
if [ -s "$VAR/pg/postmaster.pid" ]; then
  su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$VAR/pg' -m fast -w stop" >/dev/null
fi
echo "The production profile is stopped."
