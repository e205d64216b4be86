#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer + AddressSanitizer and runs each for a bounded time,
# seeded with the test fixtures. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (make fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-30}}"
flags=(--scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
       -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)   # gold crashes on these objects
declare -A seeds=(
  [FuzzFeedParser]="Tests/Fixtures/feeds Tests/Fixtures/json feeds/demo/news.rss.xml feeds/demo/newsroom.atom.xml"
  [FuzzHTMLSanitizer]="Tests/Fixtures/fuzz/html"
  [FuzzFeedDate]="Tests/Fixtures/fuzz/dates"
  [FuzzPostLine]="Tests/Fixtures/bad"
)
status=0
for target in FuzzFeedParser FuzzHTMLSanitizer FuzzFeedDate FuzzPostLine; do
  swift build "${flags[@]}" --product "$target" 2>&1 | grep -E "error|warning:" && exit 1
  corpus=$(mktemp -d "/tmp/outcry-fuzz-$target.XXXXXX")
  for s in ${seeds[$target]}; do
    if [ -d "$s" ]; then cp "$s"/* "$corpus"/ 2>/dev/null || true; else cp "$s" "$corpus"/; fi
  done
  echo "fuzz: $target for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  if ! "./.build-fuzz/debug/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
        -artifact_prefix=".build-fuzz/$target-" "$corpus" 2>".build-fuzz/$target.log"; then
    echo "fuzz: $target FAILED; see .build-fuzz/$target.log and the crash input in .build-fuzz/"
    status=1
  fi
  grep -E "^(Done|#[0-9]+ *DONE)" ".build-fuzz/$target.log" | tail -1 || true
  rm -rf "$corpus"
done
exit $status
