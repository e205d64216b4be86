#!/usr/bin/env python3
"""Detection delay, false alerts and ticket linking over the recordings of scripts/gen-incidents.py,
through `outcry replay` (the DESIGN.md evaluation entry point).

For each recording: the spike on the incident's topic that is open at, or opens after, the surge
start (until the incident ends) is the incident's; every other spike is a false alert, counted by
the highest severity it reached. Delay is the first notification's `detected_at` minus the surge
start (and the same for warning and critical). Linking is read from the incident spike's first
notification and its last one: the rank of the origin ticket (1 = first), and whether the top
three of the last are all the story's own tickets (as many as it has, up to three). The incident's
timeline (`outcry timeline SPIKE --format json`) is right when its first public post is the one the
story began with.

Usage: python3 scripts/incident-eval.py [--outcry .build/release/outcry] [--dir .build-incidents] [--config-dir DIR]
       (generates the recordings into --dir when missing; prints a Markdown table and summary lines)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))


def when(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def rank(alert, ticket):
    ids = [t["id"] for t in alert["linked_tickets"]]
    return ids.index(ticket) + 1 if ticket in ids else None


def evaluate(outcry, rec_dir, config_dir=None):
    truth = json.load(open(os.path.join(rec_dir, "truth.json"), encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out, db = os.path.join(tmp, "alerts.jsonl"), os.path.join(tmp, "outcry.db")
        subprocess.run([outcry, "replay", "--posts", os.path.join(rec_dir, "posts.jsonl"),
                        "--tickets", os.path.join(rec_dir, "tickets.jsonl"),
                        "--topics", os.path.join(rec_dir, "topics.yml"), "--out", out, "--db", db]
                       + (["--config-dir", config_dir] if config_dir else []),
                       check=True, stderr=subprocess.DEVNULL)
        alerts = [json.loads(line) for line in open(out, encoding="utf-8")]
        row = score(truth, alerts, os.path.basename(rec_dir))
        if row.get("spike_id") and truth.get("first_post"):
            timeline = json.loads(subprocess.run([outcry, "timeline", row["spike_id"], "--db", db, "--format", "json"],
                                                 check=True, capture_output=True, text=True).stdout)
            first = next((e for e in timeline["entries"] if e["kind"] == "first_post"), None)
            row["first_post_found"] = first is not None and when(first["at"]) == when(truth["first_post"])
    return row


def score(truth, alerts, name):
    spikes = {}
    for a in alerts:
        spikes.setdefault((a["topic"], a["spike_start"]), []).append(a)
    order = {"watch": 0, "warning": 1, "critical": 2}
    incident, candidates = None, []
    if truth["topic"]:
        start, end = when(truth["surge_start"]), when(truth["incident_end"])
        candidates = [k for k, v in spikes.items() if k[0] == truth["topic"]
                      and when(v[-1]["detected_at"]) >= start and when(v[0]["detected_at"]) <= end]
        incident = min(candidates, key=lambda k: when(spikes[k][0]["detected_at"])) if candidates else None
    false = {"watch": 0, "warning": 0, "critical": 0}
    for k, v in spikes.items():
        if k not in candidates:
            false[max((a["severity"] for a in v), key=order.get)] += 1
    row = {"name": name, "topic": truth["topic"], "false": false, "detected": incident is not None,
           "reopened": max(0, len(candidates) - 1)}
    if incident:
        v = spikes[incident]
        start = when(truth["surge_start"])
        minutes = lambda a: (when(a["detected_at"]) - start).total_seconds() / 60
        row["delay"] = minutes(v[0])
        for sev in ("warning", "critical"):
            row[sev] = next((minutes(a) for a in v if a["severity"] == sev), None)
        origin, chain = truth["origin_ticket"], truth["origin_chain"]
        row["rank_first"], row["rank_last"] = rank(v[0], origin), rank(v[-1], origin)
        top3 = [t["id"] for t in v[-1]["linked_tickets"][:3]]
        row["chain_top3"] = sum(t in chain for t in top3) >= min(3, len(chain))
        row["spike_id"] = f"S-{incident[0]}-{int(when(incident[1]).timestamp())}"
    return row


def fmt_min(m):
    if m is None:
        return "–"
    return f"{m:.0f} min" if abs(m) < 180 else f"{m / 60:.1f} h"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--outcry", default=os.path.join(HERE, "..", ".build", "release", "outcry"))
    p.add_argument("--dir", default=os.path.join(HERE, "..", ".build-incidents"))
    p.add_argument("--config-dir", help="passed to outcry replay: detect with DIR/feeds/sources.yml's detector: section")
    args = p.parse_args()
    if not os.path.isdir(args.dir):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-incidents.py"), args.dir], check=True, stdout=subprocess.DEVNULL)
    rows = [evaluate(args.outcry, os.path.join(args.dir, d), args.config_dir) for d in sorted(os.listdir(args.dir))
            if os.path.isfile(os.path.join(args.dir, d, "truth.json"))]
    print("| recording | first alert | warning | critical | origin ticket rank (first / last alert) | chain in top 3 | timeline's first post | opened again | false spikes (watch / warning / critical) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        f = r["false"]
        falses = f"{f['watch']} / {f['warning']} / {f['critical']}"
        if r["topic"] is None:
            print(f"| {r['name']} | (no incident) | | | | | | | {falses} |")
        elif not r["detected"]:
            print(f"| {r['name']} | **missed** | | | | | | | {falses} |")
        else:
            ranks = " / ".join(str(x) if x else "absent" for x in (r["rank_first"], r["rank_last"]))
            print(f"| {r['name']} | {fmt_min(r['delay'])} | {fmt_min(r['warning'])} | {fmt_min(r['critical'])} | {ranks} | "
                  f"{'yes' if r['chain_top3'] else 'no'} | {'right' if r.get('first_post_found') else 'wrong'} | {r['reopened']} | {falses} |")
    incidents = [r for r in rows if r["topic"]]
    found = [r for r in incidents if r["detected"]]
    top1 = sum(1 for r in found if r["rank_first"] == 1)
    mrr = sum(1 / r["rank_first"] for r in found if r["rank_first"]) / max(1, len(incidents))
    false_warn = sum(r["false"]["warning"] + r["false"]["critical"] for r in rows)
    false_watch = sum(r["false"]["watch"] for r in rows)
    print()
    print(f"incidents_detected={len(found)}/{len(incidents)}")
    print(f"origin_top1={top1}/{len(incidents)} origin_mrr={mrr:.3f} "
          f"timeline_first_post={sum(1 for r in found if r.get('first_post_found'))}/{len(incidents)}")
    reopened = sum(r.get("reopened", 0) for r in rows)
    print(f"false_spikes_warning_or_above={false_warn} false_spikes_watch_only={false_watch} incident_opened_again={reopened} recordings={len(rows)}")


if __name__ == "__main__":
    main()
