#!/usr/bin/env bash
# Install Debian packages for the tests when BINARY is missing: as root, or through passwordless sudo.
# Usage: scripts/apt-install.sh BINARY "WHAT NEEDS IT" PACKAGE...
set -euo pipefail
binary=$1 what=$2; shift 2
if [ -x "$binary" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
    echo "$(basename "$0"): not root and no sudo: cannot install $*; $what will be skipped" >&2
    exit 1
  fi
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
"$binary" --version
