#!/usr/bin/env bash
# Renders the demo incident's HTML timeline and screenshots it in headless Chromium, to look at
# the report as a reader would. Usage: scripts/screenshot-timeline.sh [OUT.png]   (needs chromium;
# Chinese text needs a CJK font such as Debian's fonts-noto-cjk)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-bench/timeline.png}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product outcry 2>&1 | grep -E "error|warning:" && exit 1
.build/release/outcry demo --no-dash --db "$work/outcry.db" > /dev/null
.build/release/outcry timeline jd --db "$work/outcry.db" --utc-offset +08:00 --format html > "$work/timeline.html"
command -v chromium >/dev/null || { echo "screenshot: chromium missing (apt-get install chromium); report at $work/timeline.html"; exit 1; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1600 --screenshot="$out" "file://$work/timeline.html" 2>/dev/null
echo "screenshot: $out"
