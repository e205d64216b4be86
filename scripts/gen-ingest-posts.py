#!/usr/bin/env python3
"""Generate the ingest benchmark's inputs: N posts of Post JSONL (mixed Chinese and English,
50-500 bytes of text, one every 40 ms of simulated time (or STEP_MS), some mentioning the watched topics,
some complaints, a few high-reach authors) and a topics file of 50 topics. Deterministic.

Usage: python3 scripts/gen-ingest-posts.py OUT_DIR N [STEP_MS]
  writes OUT_DIR/posts.jsonl and OUT_DIR/topics.yml
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out_dir, n = sys.argv[1], int(sys.argv[2])
step_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 40
os.makedirs(out_dir, exist_ok=True)
rng = random.Random(315)
brands = [f"brand{i}" for i in range(25)] + ["京东", "淘宝", "拼多多", "美团", "顺丰", "小米", "华为", "苹果", "携程", "滴滴",
                                             "饿了么", "唯品会", "苏宁", "国美", "当当", "网易", "腾讯", "百度", "抖音", "快手",
                                             "微信", "支付宝", "天猫", "闲鱼", "得物"]
with open(os.path.join(out_dir, "topics.yml"), "w", encoding="utf-8") as f:
    f.write("topics:\n")
    for i, b in enumerate(brands):
        f.write(f"  - id: t{i}\n    name: {b}\n    terms: [{json.dumps(b, ensure_ascii=False)}, {json.dumps(b + '客服', ensure_ascii=False)}]\n")
zh = ["今天收到货了", "物流很快", "客服态度很差", "非质量问题不退货", "我要投诉", "假货", "退款一直不到账", "质量不错", "下次还会买",
      "求扩散", "已经打了12315", "包装破损", "和描述不符", "发错货了", "等了一个星期", "性价比很高", "再也不买了", "曝光这家店",
      "售后推来推去", "味道很好", "孩子很喜欢", "颜色有色差", "尺码偏小", "快递员很辛苦", "服务很周到", "体验非常糟糕"]
en = ["great service today", "never again", "refund still not received", "support ignored me", "fast delivery",
      "the package arrived damaged", "filing a chargeback", "love this product", "worst customer service ever", "thanks for the help",
      "wrong item shipped", "my lawyer will hear about this", "five stars", "totally worth it", "still waiting for a reply"]
start = datetime(2026, 3, 1, tzinfo=timezone(timedelta(hours=8)))
pool = []
for _ in range(20000):
    words = zh if rng.random() < 0.7 else en
    parts = [rng.choice(words) for _ in range(rng.randint(2, 12))]
    if rng.random() < 0.3:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(brands))
    sep = "，" if words is zh else ", "
    text = sep.join(parts)
    pool.append(json.dumps(text, ensure_ascii=False)[1:-1])
authors = [f"user{i}" for i in range(50000)]
with open(os.path.join(out_dir, "posts.jsonl"), "w", encoding="utf-8") as f:
    chunk = []
    for i in range(n):
        t = start + timedelta(milliseconds=step_ms * i)
        followers = 5_000_000 if i % 100_003 == 0 else rng.randrange(10, 5000)
        chunk.append(f'{{"id":"p{i}","source":"bench","author":"{authors[i % 50000]}","followers":{followers},'
                     f'"text":"{pool[rng.randrange(20000)]}","created_at":"{t.isoformat(timespec="milliseconds")}"}}\n')
        if len(chunk) >= 10000:
            f.write("".join(chunk))
            chunk = []
    f.write("".join(chunk))
print(f"{n} posts in {out_dir}/posts.jsonl, {len(brands)} topics in {out_dir}/topics.yml")
