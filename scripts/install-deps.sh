#!/usr/bin/env bash
# Installs what headroom builds and tests with, only when something is missing: Debian packages
# (apt-get), then the npm packages of web/ (`npm ci`: uPlot, embedded in the --report page at
# build time; ajv and yaml, for the schema test). Called by `make demo` and `make test`; safe to
# run again. With --mpi (the Makefile passes it when CMAKE_FLAGS has -DHEADROOM_MPI=ON), Open MPI
# too, for `mpirun -n N headroom sweep` (docs/scaling-out.md); the default build needs no MPI.
# `--fuzz` (make asan, make fuzz) adds clang, for the sanitized tree and its libFuzzer target: the
# default build stays with g++.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(cmake g++ make libyaml-cpp-dev libfmt-dev libboost-program-options-dev libeigen3-dev
      doctest-dev nlohmann-json3-dev chromium)
[ "${1:-}" = "--fuzz" ] && pkgs+=(clang)
# Node.js may come from elsewhere (nodesource bundles npm); Debian's packages otherwise.
command -v node >/dev/null || pkgs+=(nodejs)
[ "${1:-}" = "--mpi" ] && pkgs+=(libopenmpi-dev openmpi-bin)
command -v npm >/dev/null || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "headroom: installing missing packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "headroom: cannot install as a normal user without sudo; please run:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; }; then
    echo "headroom: apt-get failed; install these packages and run again:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
# web/node_modules matches web/package-lock.json once `npm ci` has run; run it again when the
# lock file is newer.
stamp=web/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ web/package-lock.json -nt "$stamp" ]; then
  echo "headroom: installing web/ packages (npm ci)"
  if ! (cd web && npm ci --no-audit --no-fund --loglevel=error); then
    echo "headroom: 'npm ci' in web/ failed; run it there by hand and try again" >&2
    exit 1
  fi
fi
