#!/usr/bin/env bash
# Benchmarks, each beside its peers in the same run, as Markdown tables: feed parsing (xmllint
# --stream, Python feedparser), a fetch cycle over 1,000 loopback sources, the matcher (grep -F,
# pyahocorasick, Hyperscan), normalization (OpenCC tw2sp), end-to-end ingest (outcry score), linking,
# alert delivery, the dashboard (refresh cost; ingestion with and without it attached), reads of one
# spike or moment against a long history, the stores, ticket imports (Python's csv module) and a
# restart on years of stored tickets (Python's sqlite3 module).
# Usage: scripts/bench.sh   (make bench; BENCH="match ingest" make bench for some sections)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build-bench
mkdir -p "$dir"
python3 scripts/gen-bench-feeds.py "$dir" 9000 >/dev/null
command -v xmllint >/dev/null || { echo "bench: xmllint missing (apt-get install libxml2-utils)"; exit 1; }
python3 -c "import feedparser" 2>/dev/null || { echo "bench: Python feedparser missing (pip install feedparser)"; exit 1; }
swift build -c release --product outcry 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
outcry=.build/release/outcry

best() {   # best wall time of $RUNS runs (default 3) and peak RSS of the last, for a command
  local best=999999 rss=0
  for _ in $(seq "${RUNS:-3}"); do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>&1
    read -r t m < "$dir/time"
    best=$(python3 -c "print(min($best, $t))"); rss=$m
  done
  echo "$best $rss"
}

best_on() {   # best_on INPUT CMD...: best wall time of 3 runs with INPUT on stdin (stdout to $dir/out),
              # sets $best and $m (peak RSS in KB of the last run)
  local input=$1; shift
  best=999999
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" < "$input" > "$dir/out"
    read -r t m < "$dir/time"
    best=$(python3 -c "print(min($best, $t))")
  done
}

match_corpus() {   # the generated posts both the matcher and normalization benchmarks read
  mbdir="$dir/match"
  [ -f "$mbdir/corpus.txt" ] && [ "$(stat -c %s "$mbdir/corpus.txt")" -gt $(( ${MATCH_MB:-100} * 990000 )) ] ||
    python3 scripts/gen-match-corpus.py "$mbdir" "${MATCH_MB:-100}" >/dev/null
}

bench_feeds() {
echo
echo "| file | size | tool | seconds | MB/s | items/s | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for f in rss atom; do
  file="$dir/bench.$f.xml"
  mb=$(python3 -c "import os;print(os.path.getsize('$file')/1e6)")
  items=9000
  for tool in "outcry" "outcry --json" xmllint feedparser; do
    case $tool in   # sub-second commands: best of 7 on this noisy machine
      outcry) r=$(RUNS=7 best "$outcry" feed parse "$file") ;;
      "outcry --json") r=$(RUNS=7 best "$outcry" feed parse "$file" --json) ;;
      xmllint) r=$(RUNS=7 best xmllint --stream --noout "$file") ;;
      feedparser) r=$(best python3 -c "import feedparser,sys; d=feedparser.parse(sys.argv[1]); assert len(d.entries)==$items" "$file") ;;
    esac
    read -r t m <<< "$r"
    python3 -c "print(f'| bench.$f.xml | {$mb:.1f} MB | $tool | {$t:.2f} | {$mb/max($t,0.005):.1f} | {$items/max($t,0.005):,.0f} | {$m/1024:.0f} MB |')"
  done
done
echo
echo "In one process (no start-up), fastest and median of 15 runs per stage (\`outcry-bench feeds\`):"
echo '```'
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
for f in rss atom; do .build/release/outcry-bench feeds "$dir/bench.$f.xml" 15; done
echo '```'
}

bench_fetch() {
# Fetch: 1,000 sources on a loopback server, polled in one cycle (`outcry run --once`).
echo
work=$(mktemp -d /tmp/outcry-bench-fetch.XXXXXX)
mkdir -p "$work/www" "$work/feeds"
cp Tests/Fixtures/rss/rsshub-weibo.xml "$work/www/feed.xml"
cp feeds/demo/topics.yml "$work/feeds/topics.yml"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/www" > "$work/server.log" 2>&1 &
server=$!
disown $server   # no "Killed" line when the trap below stops it
trap 'kill -9 $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "port" "$work/server.log" && break; sleep 0.1; done
port=$(grep -o 'port [0-9]*' "$work/server.log" | head -1 | cut -d' ' -f2)
{
  echo "topics: topics.yml"
  echo "sources:"
  for i in $(seq 1000); do
    printf '  - name: s%04d\n    url: http://127.0.0.1:%s/feed.xml?s=%d\n    host_delay: 0.001\n' "$i" "$port" "$i"
  done
} > "$work/feeds/sources.yml"
/usr/bin/time -f "%e %M" -o "$work/time" "$outcry" run --once --config-dir "$work" --db "$work/outcry.db" 2> "$work/run.log" || { cat "$work/run.log"; exit 1; }
read -r t m < "$work/time"
ok=$("$outcry" feeds status --db "$work/outcry.db" | grep -c " ok ")
echo "| fetch cycle | sources | ok | seconds | sources/s | peak RSS |"
echo "|---|---|---|---|---|---|"
python3 -c "print(f'| outcry run --once (16 transfers in flight) | 1000 | $ok | {$t:.2f} | {1000/$t:,.0f} | {$m/1024:.0f} MB |')"
}

bench_match() {
# Matcher: 2,000 patterns over a generated corpus of post-like lines (mixed Chinese and English),
# beside grep -F, pyahocorasick and Hyperscan (where Debian ships libhyperscan: x86-64 only);
# all must count the same matching lines.
match_corpus
echo
python3 -c "import ahocorasick" 2>/dev/null || { echo "bench: pyahocorasick missing (pip install pyahocorasick)"; exit 1; }
peers="grep pyahocorasick"
if [ -f /usr/include/hs/hs.h ] && cc -O2 -o "$dir/hs-count" scripts/hs-count.c -lhs; then
  peers="$peers hyperscan"
else
  echo "bench: Hyperscan not measured (libhyperscan-dev is not installed; Debian ships it for x86-64 only)"
fi
cat > "$dir/aho.py" <<'PY'
import ahocorasick, sys
A = ahocorasick.Automaton()
for i, l in enumerate(open(sys.argv[1], encoding="utf-8")):
    if l.strip():
        A.add_word(l.strip(), i)
A.make_automaton()
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    for _ in A.iter(line):
        n += 1
        break
print(n)
PY
mb=$(python3 -c "import os;print(os.path.getsize('$mbdir/corpus.txt')/1e6)")
echo "| matcher (2,000 patterns, $(printf '%.0f' "$mb") MB) | matching lines | seconds | MB/s | peak RSS |"
echo "|---|---|---|---|---|"
counts=""
for tool in outcry $peers; do
  case $tool in
    outcry) cmd=("$outcry" match --terms "$mbdir/patterns.txt" --count) ;;
    grep) cmd=(grep -F -c -f "$mbdir/patterns.txt") ;;
    pyahocorasick) cmd=(python3 "$dir/aho.py" "$mbdir/patterns.txt" /dev/stdin) ;;
    hyperscan) cmd=("$dir/hs-count" "$mbdir/patterns.txt") ;;
  esac
  best_on "$mbdir/corpus.txt" "${cmd[@]}"
  n=$(cat "$dir/out"); counts="$counts $n"
  python3 -c "print(f'| $tool | $n | {$best:.2f} | {$mb/max($best,0.005):.0f} | {$m/1024:.0f} MB |')"
done
[ "$(echo $counts | tr ' ' '\n' | sort -u | wc -l)" = 1 ] || { echo "bench: match counts disagree:$counts"; exit 1; }
}

bench_normalize() {
# Normalization: outcry normalize (full-width, case, Taiwan phrases, Traditional characters) over
# the matcher corpus, beside OpenCC's own tw2sp conversion (its Python binding, conversion only)
# on a 20 MB slice of it.
match_corpus
mkdir -p "$dir/peers"   # not beside a file named like a module (opencc.py would shadow OpenCC)
echo
python3 -c "import opencc" 2>/dev/null || { echo "bench: OpenCC's Python binding missing (pip install opencc)"; exit 1; }
head -c 20000000 "$mbdir/corpus.txt" > "$dir/normalize.txt"
cat > "$dir/peers/tw2sp.py" <<'PY'
import opencc, sys
c = opencc.OpenCC("tw2sp")
w = sys.stdout.write
for line in sys.stdin:
    w(c.convert(line))
PY
echo "| normalization | input | seconds | MB/s | peak RSS |"
echo "|---|---|---|---|---|"
for tool in outcry opencc; do
  case $tool in
    outcry) cmd=("$outcry" normalize); input="$mbdir/corpus.txt" ;;
    opencc) cmd=(python3 "$dir/peers/tw2sp.py"); input="$dir/normalize.txt" ;;
  esac
  size=$(python3 -c "import os;print(os.path.getsize('$input')/1e6)")
  best_on "$input" "${cmd[@]}"
  python3 -c "print(f'| $tool | {$size:.0f} MB | {$best:.2f} | {$size/max($best,0.005):.0f} | {$m/1024:.0f} MB |')"
done
}

bench_ingest() {
# End-to-end ingest: Post JSONL -> normalize -> match -> classify -> buckets (outcry score, one
# core, no store), at 1 M and 10 M posts: the rate, and peak memory that must not grow with the
# number of posts. Beside it, Python doing nothing but json.loads on each line.
echo
ingest="$dir/ingest"
INGEST_POSTS=${INGEST_POSTS:-10000000}
[ -f "$ingest/posts-$INGEST_POSTS.jsonl" ] || {
  python3 scripts/gen-ingest-posts.py "$ingest" "$INGEST_POSTS" >/dev/null
  mv "$ingest/posts.jsonl" "$ingest/posts-$INGEST_POSTS.jsonl"
}
head -n 1000000 "$ingest/posts-$INGEST_POSTS.jsonl" > "$ingest/posts-1M.jsonl"
cat > "$dir/jsonloads.py" <<'PY'
import json, sys
n = 0
for line in sys.stdin:
    json.loads(line)
    n += 1
print(n)
PY
echo "| ingest (50 topics) | posts | seconds | posts/s | peak RSS |"
echo "|---|---|---|---|---|"
for run in "outcry score|1M" "outcry score|$INGEST_POSTS" "python3 json.loads only|1M"; do
  tool=${run%|*}; n=${run#*|}
  case $tool in
    outcry*) cmd=("$outcry" score --topics "$ingest/topics.yml" --spikes-only) ;;
    python3*) cmd=(python3 "$dir/jsonloads.py") ;;
  esac
  count=$([ "$n" = 1M ] && echo 1000000 || echo "$n")
  /usr/bin/time -f "%e %M" -o "$dir/time" "${cmd[@]}" < "$ingest/posts-$n.jsonl" > /dev/null 2> "$dir/ingest.log" || { cat "$dir/ingest.log"; exit 1; }
  read -r t m < "$dir/time"
  python3 -c "print(f'| $tool | {$count:,} | {$t:.1f} | {$count/$t:,.0f} | {$m/1024:.0f} MB |')"
done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(swift --version 2>&1 | head -1)"
echo
bench_linking() {
# Linking: the ticket index built from LINK_TICKETS generated tickets (default 100,000 and
# 1,000,000), then 50 spikes linked as of their last post: index build time and memory, latency
# percentiles, and where each spike's originating ticket ranked (a sanity check on made-up data).
echo
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
echo "| linking | tickets | index build | index memory | link p50 | link p99 | origin first / top 3 |"
echo "|---|---|---|---|---|---|---|"
for n in ${LINK_TICKETS:-100000 1000000}; do
  [ -f "$dir/link-$n/tickets.jsonl" ] || python3 scripts/gen-link-bench.py "$dir/link-$n" "$n" >/dev/null
  .build/release/outcry-bench linking "$dir/link-$n/tickets.jsonl" "$dir/link-$n/spikes.jsonl" > "$dir/link.out"
  python3 - "$dir/link.out" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
pat = [r"tickets (\d+)", r"index build ([\d.]+) s", r"memory \+(\d+) MB", r"p50 ([\d.]+) ms", r"p99 ([\d.]+) ms",
       r"first for (\d+/\d+)", r"top 3 for (\d+/\d+)"]
n, build, mem, p50, p99, first, top3 = (re.search(p, t).group(1) for p in pat)
print("| outcry-bench linking | %s | %s s | %s MB | %s ms | %s ms | %s / %s |" % (format(int(n), ","), build, mem, p50, p99, first, top3))
PY
done
}

bench_alerts() {
# Alerting: ALERT_NOTIFICATIONS (default 5,000) notifications committed to a SQLite outbox and
# delivered as signed generic webhooks to a minimal asyncio receiver on loopback (so the
# receiver is not what is measured); then 200 alerts one at a time from router to the
# receiver's 2xx. Peer in the same run: Python http.client posting the same number of signed
# bodies over keep-alive connections with the same concurrency, with no store at all.
echo
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
python3 -u scripts/bench-receiver.py > "$dir/receiver.out" 2>&1 &
local receiver=$!
sleep 1
local port; port=$(grep -o "port [0-9]*" "$dir/receiver.out" | cut -d' ' -f2)
local n=${ALERT_NOTIFICATIONS:-5000}
.build/release/outcry-bench alerts "http://127.0.0.1:$port/hook/webhook" "$n" > "$dir/alerts.out"
python3 scripts/webhook-peer.py "http://127.0.0.1:$port/hook/webhook" "$n" 8 > "$dir/peer.out"
kill $receiver 2>/dev/null; wait $receiver 2>/dev/null || true
python3 - "$dir/alerts.out" "$dir/peer.out" <<'PY'
import re, sys
a, p = open(sys.argv[1]).read(), open(sys.argv[2]).read()
rate, rss = re.search(r"= (\d+) notifications/s", a).group(1), re.search(r"RSS (\d+) MB", a).group(1)
p50, p99 = re.search(r"p50 ([\d.]+) ms", a).group(1), re.search(r"p99 ([\d.]+) ms", a).group(1)
peer = re.search(r"= (\d+) posts/s", p).group(1)
print("| alert delivery | sustained rate | detection → receiver p50 | p99 | memory |")
print("|---|---|---|---|---|")
print("| outcry outbox (SQLite, signed webhook, 8 in flight) | %s notifications/s | %s ms | %s ms | %s MB |" % (rate, p50, p99, rss))
print("| peer: python http.client, keep-alive, 8 threads, no store | %s posts/s | – | – | – |" % peer)
PY
}

bench_dash() {
# Dashboard: one refresh at DASH_TOPICS topics (default 1,000) with 100 open spikes over a day of
# buckets and a month of alert history (outcry-bench dashboard); then ingestion into the store
# (outcry replay of DASH_POSTS generated posts into SQLite), alone and with `outcry dash`
# attached to the same store in a 200x60 tmux terminal refreshing every second, alternated,
# best of 3 each.
echo
command -v tmux >/dev/null || { echo "bench: tmux missing (apt-get install tmux)"; exit 1; }
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
.build/release/outcry-bench dashboard "${DASH_TOPICS:-1000}" 100 > "$dir/dash.out"
local posts=${DASH_POSTS:-150000} d="$dir/dash"
[ -f "$d/posts-$posts.jsonl" ] && [ -f "$d/topics.yml" ] || { python3 scripts/gen-ingest-posts.py "$d" "$posts" >/dev/null; mv "$d/posts.jsonl" "$d/posts-$posts.jsonl"; }
local sock="outcry-bench-$$" alone=999999 attached=999999
for round in 1 2 3; do
  for mode in alone attached; do
    rm -f "$d/store.db" "$d/store.db-wal" "$d/store.db-shm"
    /usr/bin/time -f "%e" -o "$d/time" "$outcry" replay --posts "$d/posts-$posts.jsonl" --topics "$d/topics.yml" --out "$d/alerts.jsonl" \
      --db "$d/store.db" 2>/dev/null &
    local replay=$!
    if [ $mode = attached ]; then
      while [ ! -s "$d/store.db" ]; do sleep 0.05; done
      tmux -L "$sock" new-session -d -s dash -x 200 -y 60 "$outcry dash --db $d/store.db --refresh 1"
    fi
    wait $replay
    [ $mode = attached ] && { tmux -L "$sock" capture-pane -p -t dash > "$d/screen.txt"; tmux -L "$sock" kill-server; }
    t=$(cat "$d/time")
    if [ $mode = alone ]; then alone=$(python3 -c "print(min($alone, $t))"); else attached=$(python3 -c "print(min($attached, $t))"); fi
  done
done
grep -q "Topics" "$d/screen.txt" || { echo "bench: the dashboard did not run:"; cat "$d/screen.txt"; exit 1; }
python3 - "$dir/dash.out" "$posts" "$alone" "$attached" "${DASH_TOPICS:-1000}" <<'PY'
import re, sys
t, posts, alone, attached, topics = open(sys.argv[1]).read(), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
def p(name):
    m = re.search(re.escape(name) + r"[^:]*: p50 ([\d.]+) ms, p99 ([\d.]+) ms", t)
    return "%s ms / %s ms" % m.groups()
full, diffed = re.search(r"full repaint (\d+), diffed (\d+)", t).groups()
rss = re.search(r"RSS (\d+) MB", t).group(1)
print(f"| dashboard, {topics:,} topics, 100 open spikes | p50 / p99 |")
print("|---|---|")
print(f"| refresh: store read + topics frame 200x60 (live session) | {p('refresh')} |")
print(f"| cold read (first frame; then once a minute) | {p('cold read')} |")
print(f"| render topics 200x60 | {p('render 200x60')} |")
print(f"| render topics 80x24 | {p('render 80x24')} |")
print(f"| line diff (selection moved) | {p('diff')} |")
print(f"| detail refresh: store read + detail frame 200x60 | {p('detail refresh')} |")
print(f"| bytes written per refresh: full repaint / diffed | {int(full):,} / {int(diffed):,} |")
print(f"| memory (bench process, store + dashboard) | {rss} MB |")
print()
print("| ingest into the store (outcry replay, %s posts) | seconds | posts/s |" % format(posts, ","))
print("|---|---|---|")
print(f"| alone | {alone:.1f} | {posts/alone:,.0f} |")
print(f"| with outcry dash attached (200x60, 1 s refresh) | {attached:.1f} | {posts/attached:,.0f} ({(attached/alone-1)*100:+.1f}%) |")
PY
}

bench_store() {
# The shared store beside the embedded one, in one run on this machine: ingestion (outcry replay
# of STORE_POSTS generated posts into a new SQLite file, and into PostgreSQL on loopback with its
# default durability — fsync and synchronous commit on — started by scripts/with-postgres.sh), best
# of 2 each, then one dashboard refresh at 1,000 topics on each (outcry-bench dashboard).
echo
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
local posts=${STORE_POSTS:-150000} d="$dir/dash"
[ -f "$d/posts-$posts.jsonl" ] && [ -f "$d/topics.yml" ] || { python3 scripts/gen-ingest-posts.py "$d" "$posts" >/dev/null; mv "$d/posts.jsonl" "$d/posts-$posts.jsonl"; }
local sqlite=999999
for _ in 1 2; do
  rm -f "$d/store.db" "$d/store.db-wal" "$d/store.db-shm" "$d/store.db-run.lock"
  /usr/bin/time -f "%e %M" -o "$d/time" "$outcry" replay --posts "$d/posts-$posts.jsonl" --topics "$d/topics.yml" --out "$d/alerts.jsonl" --db "$d/store.db" 2>/dev/null
  read -r t m < "$d/time"; sqlite=$(python3 -c "print(min($sqlite, $t))"); sqlite_rss=$m
done
.build/release/outcry-bench dashboard 1000 100 > "$dir/store-sqlite.out"
OUTCRY_PG_DURABLE=1 scripts/with-postgres.sh bash -c '
  set -e; best=999999
  for _ in 1 2; do
    psql -q "$OUTCRY_TEST_POSTGRES" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" 2>/dev/null
    /usr/bin/time -f "%e %M" -o "$1/time" "$2" replay --posts "$1/posts-$3.jsonl" --topics "$1/topics.yml" --out "$1/alerts.jsonl" --db "$OUTCRY_TEST_POSTGRES" 2>/dev/null
    read -r t m < "$1/time"; best=$(python3 -c "print(min($best, $t))"); echo "$best $m" > "$1/pg-replay"
  done
  psql -q "$OUTCRY_TEST_POSTGRES" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" 2>/dev/null
  .build/release/outcry-bench dashboard 1000 100 "$OUTCRY_TEST_POSTGRES" > "$4"
  psql -At "$OUTCRY_TEST_POSTGRES" -c "SHOW fsync" -c "SHOW synchronous_commit" -c "SELECT version()" | tr "\n" " " > "$1/pg-version"
' _ "$d" "$outcry" "$posts" "$dir/store-pg.out"
read -r pg pg_rss < "$d/pg-replay"
python3 - "$posts" "$sqlite" "$sqlite_rss" "$pg" "$pg_rss" "$dir/store-sqlite.out" "$dir/store-pg.out" "$(cat "$d/pg-version")" <<'PY'
import re, sys
posts, sqlite, srss, pg, prss = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
def p(path, name):
    m = re.search(re.escape(name) + r"[^:]*: p50 ([\d.]+) ms, p99 ([\d.]+) ms", open(path).read())
    return "%s / %s ms" % m.groups()
fsync, sync, version = sys.argv[8].split(None, 2)
print(f"PostgreSQL on loopback: {version.split(' on ')[0]} (fsync {fsync}, synchronous_commit {sync}); outcry talks to it through libpq, statements of a batch pipelined")
print()
print(f"| store | replay {posts:,} posts: seconds | posts/s | outcry RSS | dashboard refresh, 1,000 topics (p50 / p99) | cold read (p50 / p99) |")
print("|---|---|---|---|---|---|")
print(f"| SQLite file (WAL) | {sqlite:.1f} | {posts/sqlite:,.0f} | {srss/1024:.0f} MB | {p(sys.argv[6], 'refresh')} | {p(sys.argv[6], 'cold read')} |")
print(f"| PostgreSQL, loopback | {pg:.1f} | {posts/pg:,.0f} | {prss/1024:.0f} MB | {p(sys.argv[7], 'refresh')} | {p(sys.argv[7], 'cold read')} |")
PY
}

bench_history() {
# Reads of one spike or one moment against the history a store gathers (outcry-bench history):
# a dashboard refresh, an open spike's timeline and a topic's latest spike, in a store holding a
# month of closed spikes (120) and one holding HISTORY_SPIKES (default 20,000: 60,000 alerts with
# their notifications, deliveries and acknowledgements), SQLite and PostgreSQL. What must hold:
# the second column costs what the first does.
echo
swift build -c release --product outcry-bench 2>&1 | grep -E "error|warning:" | grep -v "swift-distributed-tracing" && exit 1
local n=${HISTORY_SPIKES:-20000}
.build/release/outcry-bench history 120 > "$dir/history-sqlite-month.out"
.build/release/outcry-bench history "$n" > "$dir/history-sqlite-long.out"
scripts/with-postgres.sh bash -c '
  set -e
  for run in month long; do
    psql -q "$OUTCRY_TEST_POSTGRES" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" 2>/dev/null
    .build/release/outcry-bench history "$([ $run = month ] && echo 120 || echo "$2")" "$OUTCRY_TEST_POSTGRES" > "$1/history-pg-$run.out"
  done
' _ "$dir" "$n"
python3 - "$dir" "$n" <<'PY'
import re, sys
d, n = sys.argv[1], int(sys.argv[2])
def p50(store, run, name):
    return re.search(re.escape(name) + r"[^:]*: p50 ([\d.]+) ms", open(f"{d}/history-{store}-{run}.out").read()).group(1)
print(f"| read (p50, ms) | SQLite, 120 closed spikes | SQLite, {n:,} | PostgreSQL, 120 | PostgreSQL, {n:,} |")
print("|---|---|---|---|---|")
for name in ["dashboard refresh", "timeline of an open spike", "latest spike of a topic"]:
    print(f"| {name} | " + " | ".join(p50(s, r, name) for s in ["sqlite", "pg"] for r in ["month", "long"]) + " |")
PY
}

bench_imports() {
# Ticket imports: a generated helpdesk export of IMPORT_TICKETS tickets (default 200,000; Chinese 工单
# headers, times without a zone, quoted bodies) as UTF-8, as a spreadsheet on a Chinese Windows saves
# it again (GBK) and as Excel's "Unicode text" (UTF-16, tab-separated), each into a fresh SQLite store
# (decode, CSV, headers, dates, statuses, store), and as an .xlsx workbook. Beside it, Python's csv
# module reading the same file with its encoding and delimiter named and parsing each date — no
# detection, no store — and openpyxl reading the workbook's rows.
echo
local n=${IMPORT_TICKETS:-200000} d="$dir/imports"
mkdir -p "$d"
python3 -c "import openpyxl" 2>/dev/null || { echo "bench: openpyxl missing (pip install openpyxl)"; exit 1; }
[ -f "$d/$n.xlsx" ] || python3 - "$d" "$n" <<'PY'
import csv, datetime, io, random, sys
import openpyxl
d, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
rows = [["工单编号", "标题", "工单状态", "渠道", "客户", "订单号", "创建时间", "问题描述"]]
for i in range(n):
    rows.append([f"GD-{i}", f"收到的枕头型号不对 {i % 97}", random.choice(["已处理", "处理中", "待处理", "已关闭"]),
                 random.choice(["在线", "电话", "平台"]), f"buyer_{i % 5000}", str(723504118 + i),
                 f"2018-03-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
                 f"买的是 Comfort U 护腰枕，收到的是 Contour U, 客服说非质量问题不退货。\n我要投诉到12315 ({i})"])
for name, encoding, delimiter in [("utf8.csv", "utf-8", ","), ("gbk.csv", "gbk", ","), ("unicode.txt", "utf-16", "\t")]:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    open(f"{d}/{n}.{name}", "wb").write(out.getvalue().encode(encoding))
book = openpyxl.Workbook(write_only=True)   # the times as date cells, the order numbers as numbers
sheet = book.create_sheet("工单")
sheet.append(rows[0])
for r in rows[1:]:
    sheet.append(r[:5] + [int(r[5]), datetime.datetime.strptime(r[6], "%Y-%m-%d %H:%M"), r[7]])
book.save(f"{d}/{n}.xlsx")
PY
echo "| ticket import ($(python3 -c "print(format($n, ','))") tickets) | file | seconds | tickets/s | peak RSS |"
echo "|---|---|---|---|---|"
for f in utf8.csv gbk.csv unicode.txt xlsx; do
  local path="$d/$n.$f" mb
  mb=$(python3 -c "import os;print(round(os.path.getsize('$path')/1e6, 1))")
  read -r t m < <(best sh -c "rm -f $d/t.db* && $outcry tickets import $path --utc-offset +08:00 --db $d/t.db")
  echo "| outcry tickets import | $f, $mb MB | $t | $(python3 -c "print(format(round($n/$t), ','))") | $((m / 1024)) MB |"
  if [ "$f" = xlsx ]; then
    read -r t m < <(best python3 -c '
import openpyxl, sys
path, n = sys.argv[1], int(sys.argv[2])
rows = openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
at = next(rows).index("创建时间")
count = sum(1 for row in rows if row[at] is not None)
assert count == n, count' "$path" "$n")
    echo "| python3 openpyxl, read-only (no store) | $f | $t | $(python3 -c "print(format(round($n/$t), ','))") | $((m / 1024)) MB |"
    continue
  fi
  read -r t m < <(best python3 -c '
import csv, datetime, sys
path, n = sys.argv[1], int(sys.argv[2])
encoding, delimiter = {"csv": ("utf-8" if "utf8" in path else "gbk", ","), "txt": ("utf-16", "\t")}[path[-3:]]
with open(path, encoding=encoding, newline="") as f:
    rows = csv.reader(f, delimiter=delimiter)
    at = next(rows).index("创建时间")
    count = sum(1 for row in rows if datetime.datetime.strptime(row[at], "%Y-%m-%d %H:%M"))
assert count == n, count' "$path" "$n")
  echo "| python3 csv + strptime (no store) | $f | $t | $(python3 -c "print(format(round($n/$t), ','))") | $((m / 1024)) MB |"
done
}

bench_restart() {
# A job started on a store holding a helpdesk's history: RESTART_TICKETS tickets (default
# 1,000,000) opened evenly over the two years up to now, imported, then `outcry run --once` with
# the demo's topics and one empty file source — start-up is reading the tickets the linker can
# still link and indexing them. Beside it, Python's sqlite3 module reading the same store's
# tickets, all of them and those of the job's horizon (39 days), with nothing built from them.
echo
local n=${RESTART_TICKETS:-1000000} d="$dir/restart"
rm -rf "$d" && mkdir -p "$d/cfg/feeds"
cp feeds/demo/topics.yml "$d/cfg/feeds/"
: > "$d/posts.jsonl"
printf 'timezone: "+08:00"\ntopics: topics.yml\nsources:\n  - name: empty\n    file: %s\n' "$PWD/$d/posts.jsonl" > "$d/cfg/feeds/sources.yml"
python3 - "$d/tickets.csv" "$n" <<'PY2'
import csv, random, sys, time
path, n = sys.argv[1], int(sys.argv[2])
random.seed(11)
now = time.time()
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "created_at", "status", "channel", "customer", "order_id", "subject", "body"])
    for i in range(n):
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - (n - i) * 730 * 86400 / n))
        w.writerow([f"T-{i}", at, random.choice(["open", "solved", "closed"]), "chat", f"c{i % 50000}", str(7000000 + i),
                    f"收到的枕头型号不对 {i % 97}", f"买的是 Comfort U 护腰枕，收到的是 Contour U，客服说非质量问题不退货。我要投诉 ({i})"])
PY2
read -r t m < <(RUNS=1 best $outcry tickets import "$d/tickets.csv" --db "$d/t.db")
echo "| restart with $(python3 -c "print(format($n, ','))") stored tickets over two years | seconds | peak RSS |"
echo "|---|---|---|"
echo "| outcry tickets import (the history, into a fresh store) | $t | $((m / 1024)) MB |"
read -r t m < <(best $outcry run --once --config-dir "$d/cfg" --db "$d/t.db")
echo "| outcry run --once (start, one empty cycle, stop) | $t | $((m / 1024)) MB |"
for days in 100000 39; do
  read -r t m < <(best python3 -c '
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT * FROM ticket WHERE created_at >= ?", (time.time() - float(sys.argv[2]) * 86400,)).fetchall()
print(len(rows))' "$d/t.db" "$days")
  echo "| python3 sqlite3, $([ "$days" = 39 ] && echo "the last 39 days' tickets" || echo "every ticket") read into rows | $t | $((m / 1024)) MB |"
done
}

# BENCH="match ingest" scripts/bench.sh runs only those sections.
for section in ${BENCH:-feeds fetch match normalize ingest linking alerts dash history store imports restart}; do
  "bench_$section"
done
