#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer + AddressSanitizer and runs each for a bounded time,
# seeded with the test fixtures. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (make fuzz)
# FUZZ_SEED=N fixes libFuzzer's random seed (CI: the same inputs on every run, a machine slower
# than another tries a prefix of them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-30}}"
flags=(--scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
       -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)   # gold crashes on these objects
declare -A seeds=(
  [feed-parser]="Tests/Fixtures/feeds Tests/Fixtures/json Tests/Fixtures/rss feeds/demo/news.rss.xml feeds/demo/newsroom.atom.xml"
  [html-sanitizer]="Tests/Fixtures/fuzz/html"
  [feed-date]="Tests/Fixtures/fuzz/dates"
  [post-line]="Tests/Fixtures/bad"
  [export-csv]="Tests/Fixtures/tickets Tests/Fixtures/fuzz/export-csv"
  [xlsx]="Tests/Fixtures/tickets/gongdan.xlsx Tests/Fixtures/tickets/gongdan-summary-first.xlsx"
)
swift build "${flags[@]}" --product OutcryFuzz 2>&1 | grep -E "error:" && exit 1
status=0
for target in feed-parser html-sanitizer feed-date post-line export-csv xlsx; do
  corpus=$(mktemp -d "/tmp/outcry-fuzz-$target.XXXXXX")
  for s in ${seeds[$target]}; do
    if [ -d "$s" ]; then cp "$s"/* "$corpus"/ 2>/dev/null || true; else cp "$s" "$corpus"/; fi
  done
  echo "fuzz: $target for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  if ! OUTCRY_FUZZ_TARGET="$target" ./.build-fuzz/debug/OutcryFuzz -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
        ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
        -artifact_prefix=".build-fuzz/$target-" "$corpus" 2>".build-fuzz/$target.log"; then
    echo "fuzz: $target FAILED; see .build-fuzz/$target.log and the crash input in .build-fuzz/"
    status=1
  fi
  grep -E "^(Done|#[0-9]+ *DONE)" ".build-fuzz/$target.log" | tail -1 || true
  rm -rf "$corpus"
done
exit $status
