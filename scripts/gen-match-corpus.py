#!/usr/bin/env python3
"""Generate the matcher benchmark's inputs: N MB of post-like lines (mixed Chinese and English,
50-500 bytes each) and 2,000 patterns (1,000 Chinese terms of 2-4 characters, 1,000 English
words). Deterministic (seeded). The text is already what Outcry's normalizer produces
(lower-case ASCII, Simplified characters only, no Taiwan phrase), so grep -F, pyahocorasick and outcry must agree
on which lines match.

Usage: python3 scripts/gen-match-corpus.py OUT_DIR MEGABYTES
"""
import os
import random
import sys

out_dir, megabytes = sys.argv[1], float(sys.argv[2])
root = os.path.join(os.path.dirname(__file__), "..")
src = open(os.path.join(root, "Sources/OutcryText/OpenCC/TSCharacters.swift"), encoding="utf-8").read()
pairs = "".join(src[src.index('"""') + 3:src.rindex('"""')].split())
traditional = set(pairs[0::2])
# Characters that begin or belong to a Taiwan phrase (滑鼠 → 鼠标) are left out too, so that no
# random sequence is rewritten by normalization.
phrases = open(os.path.join(root, "Sources/OutcryText/OpenCC/TaiwanPhrases.swift"), encoding="utf-8").read()
traditional |= {c for line in phrases.splitlines() if "\t" in line for c in line.split("\t")[0].strip()}
rng = random.Random(2018)
han = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in traditional]
han = rng.sample(han, 3000)   # a working vocabulary of characters, as real text has
letters = "abcdefghijklmnopqrstuvwxyz"
words = sorted({"".join(rng.choice(letters) for _ in range(7)) for _ in range(20000)})
cjk_terms = sorted({"".join(rng.choice(han) for _ in range(rng.randint(2, 4))) for _ in range(1000)})[:1000]
latin_terms = rng.sample(words, 1000)
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "patterns.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(cjk_terms + latin_terms) + "\n")
target = int(megabytes * 1_000_000)
written = 0
with open(os.path.join(out_dir, "corpus.txt"), "w", encoding="utf-8") as f:
    while written < target:
        size = rng.randint(50, 500)
        parts = []
        n = 0
        while n < size:
            if rng.random() < 0.6:
                run = "".join(rng.choice(han) for _ in range(rng.randint(3, 12)))
                if rng.random() < 0.1:
                    run += rng.choice(cjk_terms)
                parts.append(run)
                n += len(run.encode())
            else:
                w = rng.choice(words)
                parts.append(" " + w + " ")
                n += len(w) + 2
        line = "".join(parts).strip() + "\n"
        f.write(line)
        written += len(line.encode())
print(f"{written / 1e6:.1f} MB corpus, {len(cjk_terms) + len(latin_terms)} patterns in {out_dir}")
