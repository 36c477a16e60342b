#!/usr/bin/env bash
# Debian's redis-server for the distributed-rendering tests (the tests start it on 127.0.0.1 and a free port, and stop it;
# the package's own service is never started here).
exec "$(dirname "$0")/apt-install.sh" /usr/bin/redis-server "the distributed tests" redis-server
