#!/usr/bin/env bash
# Makes sure GNU GSL's development files (Debian: libgsl-dev), zlib's (zlib1g-dev) and pkg-config are installed.
# As root it installs them with apt-get; otherwise it prints the one command to run and fails.
set -euo pipefail

have_gsl() {
  { pkg-config --exists gsl 2>/dev/null || [ -f /usr/include/gsl/gsl_errno.h ]; } && [ -f /usr/include/zlib.h ]
}

if have_gsl && command -v pkg-config >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "metrics: installing GNU GSL (libgsl-dev) and pkg-config with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libgsl-dev zlib1g-dev pkg-config >/dev/null
  have_gsl && exit 0
fi

echo "metrics: GNU GSL or zlib is not installed. Run:  sudo apt-get update && sudo apt-get install -y libgsl-dev zlib1g-dev pkg-config" >&2
exit 1
