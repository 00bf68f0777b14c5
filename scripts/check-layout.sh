#!/usr/bin/env bash
# Stage boundaries (issue #22): fails when a forbidden import comes back.
#   src/compare/  no std::fs, clap, cache, render, askama
#   src/render/   no cli, command
#   src/cli.rs    nothing from the crate (crate::)
#   src/check/, src/corpus/, src/output.rs  no cli, command
#   no import circle between files, no function over 100 lines (scripts/layout/deps.py)
#   no file under src/ over 700 lines
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
forbid() { # dir-or-file, pattern, what
  local hits
  # Code before each file's first #[cfg(test)], comments left out.
  hits=$(find "$1" -name '*.rs' -print0 | xargs -0 awk -v re="$2" '
    FNR == 1 { intest = 0 }
    /^[[:space:]]*#\[cfg\(test\)\]/ { intest = 1 }
    !intest && $0 !~ /^[[:space:]]*\/\// && $0 ~ re { print FILENAME ":" FNR ": " $0 }' || true)
  if [ -n "$hits" ]; then
    echo "layout: $1 must not use $3:" >&2
    echo "$hits" >&2
    fail=1
  fi
}
W='([^A-Za-z0-9_]|$)' # end of a word (awk has no \b)
B='(^|[^A-Za-z0-9_])' # start of a word
forbid src/compare "std::fs|${B}fs::|${B}clap${W}|${B}cache::|crate::corpus|crate::render|${B}askama${W}" 'the filesystem, clap, the cache or rendering'
forbid src/render "crate::(cli|command)${W}" 'cli or command'
forbid src/cli.rs 'crate::' 'anything from the crate'
forbid src/corpus "crate::(cli|command)${W}" 'cli or command'
forbid src/check "crate::(cli|command)${W}" 'cli or command'
forbid src/output.rs "crate::(cli|command)${W}" 'cli or command'
python3 scripts/layout/deps.py || fail=1
long=$(find src -name '*.rs' -print0 | xargs -0 wc -l | awk '$2 != "total" && $1 > 700 { print "  " $2 " " $1 }' | sort)
if [ -n "$long" ]; then
  echo "layout: files over 700 lines:" >&2
  echo "$long" >&2
  fail=1
fi
exit $fail
