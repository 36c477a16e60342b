#!/usr/bin/env bash
# Debian's redis-server for the distributed-rendering tests (the tests start it on 127.0.0.1 and a free port, and stop it).
set -euo pipefail
if [ -x /usr/bin/redis-server ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "install-redis: not root and no sudo: cannot install Debian's redis-server; the distributed tests will be skipped" >&2
    exit 1
  fi
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Only the server binary: the package's service is never started (policy-rc.d forbids it where the image has none).
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
/usr/bin/redis-server --version
