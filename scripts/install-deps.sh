#!/usr/bin/env bash
# Installs the Debian packages headroom builds with, only when one is missing.
# Called by `make demo` and `make test`; safe to run again.
set -euo pipefail
pkgs=(cmake g++ make libyaml-cpp-dev libfmt-dev libboost-program-options-dev libeigen3-dev
      doctest-dev nlohmann-json3-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
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
