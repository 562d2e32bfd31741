#!/usr/bin/env bash
# Recomputes tests/golden/fingerprints.txt from the current build, for an intended change of
# figures. Run it after `make build`, review `git diff tests/golden`, and say in the commit why
# the reports moved.
set -euo pipefail
cd "$(dirname "$0")/.."
file=tests/golden/fingerprints.txt
out=$(HEADROOM_UPDATE_GOLDEN=1 build/tests/headroom_tests --test-case='golden:*' --success=false 2>&1 \
      | sed -n 's/^.*MESSAGE: //p')
tmp=$(mktemp "$file.XXXXXX")
while IFS= read -r line; do
  case "$line" in
    ''|'#'*) printf '%s\n' "$line" ;;
    *) name=${line%% *}
       new=$(printf '%s\n' "$out" | awk -v n="$name" '$1 == n {print; exit}')
       [ -n "$new" ] || { echo "no digest computed for $name" >&2; rm -f "$tmp"; exit 1; }
       printf '%s\n' "$new" ;;
  esac
done < "$file" > "$tmp"
mv "$tmp" "$file"
git --no-pager diff --stat -- "$file" || true
