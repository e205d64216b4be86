#!/usr/bin/env python3
"""How much Taiwan-style text normalizes to the same thing as the Simplified original.

For each line of the given JSONL files (field "text"), OpenCC's s2twp (Simplified → Taiwan
Traditional with Taiwan phrases, via the `opencc` Python package) produces a Taiwan version;
both go through `outcry normalize`, and a line is recovered when the two results are equal.
Also reports how many Simplified lines normalization changes beyond character folding would
(informational: both sides of a match change the same way).

Usage: pip install opencc; scripts/eval-taiwan-recovery.py [--cmd 'outcry normalize'] FILE...
"""
import argparse
import json
import shlex
import subprocess

import opencc

ap = argparse.ArgumentParser()
ap.add_argument("--cmd", default=".build/release/outcry normalize")
ap.add_argument("files", nargs="+")
args = ap.parse_args()
to_taiwan = opencc.OpenCC("s2twp")


def normalize(lines):
    data = "".join(line.replace("\n", " ") + "\n" for line in lines)
    out = subprocess.run(shlex.split(args.cmd), input=data.encode(), capture_output=True, check=True).stdout
    return out.decode().split("\n")[: len(lines)]


for path in args.files:
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
    original = normalize(texts)
    taiwan = normalize([to_taiwan.convert(t) for t in texts])
    same = sum(a == b for a, b in zip(original, taiwan))
    print(f"{path}: {same}/{len(texts)} lines recovered exactly ({same / len(texts):.1%})")
