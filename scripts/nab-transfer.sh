#!/usr/bin/env bash
# How well `outcry detect`'s NAB threshold transfers to series it was not chosen on — the situation
# of the held-out half, whose threshold is frozen from the dev half. Each dev series is scored with
# the threshold NAB optimises on the other four; raw scores are summed and normalised as NAB does
# (null −16, perfect +16 for the dev half's 16 windows). In-sample, the same detector scores what
# `nab_eval.py --split dev` prints.
# Usage: scripts/nab-transfer.sh ['DETECTOR COMMAND with {in} {out}']   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
tools=../shared/tools
data=${NAB_ROOT:-../shared/data/nab}/data/realTweets
cmd=${1:-".build/release/outcry detect --input {in} --output {out}"}
names="AAPL CRM GOOG IBM PFE"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for n in $names; do   # run the detector once per series, then let the scorer copy its output
  c=${cmd//\{in\}/$data/Twitter_volume_$n.csv}; c=${c//\{out\}/$tmp/Twitter_volume_$n.csv}
  eval "$c"
done
copy="cp $tmp/{name}.csv {out}"
total=0
for n in $names; do
  others=$(for m in $names; do if [ "$m" != "$n" ]; then printf "realTweets/Twitter_volume_%s.csv," "$m"; fi; done)
  python3 "$tools/nab_eval.py" --cmd "$copy" --files "${others%,}" --save-json "$tmp/thresholds.json" >/dev/null
  raw=$(python3 "$tools/nab_eval.py" --cmd "$copy" --files "realTweets/Twitter_volume_$n.csv" \
          --thresholds "$tmp/thresholds.json" | awk '/^standard /{print $3}')
  echo "$n: raw $raw with the others' threshold"
  total=$(python3 -c "print($total + $raw)")
done
python3 -c "print(f'nab_dev_transfer_standard={100 * ($total + 16) / 32:.1f}')"
