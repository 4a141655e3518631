#!/usr/bin/env bash
# Install the servers of the production profile from Debian's packages: PostgreSQL, Redis
# and nginx. Installing them must not start them: Debian would start each as a system
# service (nginx listening on 0.0.0.0:80), so a policy-rc.d refuses every service start
# during the install, and is removed afterwards. deploy/start.sh then runs them in
# deploy/var/, on 127.0.0.1 only. Needs root; does nothing when all three are installed.
set -euo pipefail
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

policy=/usr/sbin/policy-rc.d
if [ -e "$policy" ]; then
  echo "deploy/install.sh: $policy exists already; not touching it" >&2
else
  printf '#!/bin/sh\n# deploy/install.sh: no service starts during the install\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
