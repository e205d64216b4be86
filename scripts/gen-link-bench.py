#!/usr/bin/env python3
"""Generate the linking benchmark's inputs: N support tickets (Ticket JSONL, mixed Chinese and
English, order numbers, product models, customers, a few events each, over 30 days) and 50
spikes (JSON lines: {id, start, top_terms, origin, posts: [Post…]}) whose posts retell one
ticket's story in other words, naming its order or model about half the time. Deterministic.

Usage: python3 scripts/gen-link-bench.py OUT_DIR N
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out_dir, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out_dir, exist_ok=True)
rng = random.Random(2018)
tz = timezone(timedelta(hours=8))
start = datetime(2018, 3, 1, tzinfo=tz)
products = [f"{a} {b}" for a in ["Comfort", "Contour", "Aero", "Nova", "Zen", "Flex", "Cloud", "Ultra", "Pro", "Lite"]
            for b in ["U", "X", "S", "Max", "Mini", "Air", "One", "Plus"]]
zh_products = ["护腰枕", "乳胶枕", "记忆棉床垫", "电动牙刷", "空气净化器", "扫地机器人", "蓝牙耳机", "保温杯", "羽绒服", "跑步鞋"]
shops = ["舒眠家居专营店", "优品数码旗舰店", "悦动运动专营店", "暖冬服饰店", "净享家电店", "声悦音频店"]
problems = ["发错货了", "收到的型号不对", "质量有问题", "少发了配件", "物流太慢", "包装破损", "和描述不符", "退款一直不到账",
            "客服不回复", "非质量问题不退货", "要求换货被拒", "发票开错了"]
en_problems = ["wrong model delivered", "item arrived damaged", "refund never arrived", "missing parts", "late delivery",
               "support stopped answering", "not as described"]
escal = ["我要去微博曝光", "已经打了12315", "再不处理我就找媒体", "我要找律师起诉", "I will file a chargeback", "going to post this everywhere"]


def ticket(i):
    t0 = start + timedelta(seconds=rng.randrange(30 * 86400))
    order = str(rng.randrange(10**8, 10**9))
    prod = rng.choice(products)
    zh = rng.choice(zh_products)
    shop = rng.choice(shops)
    if rng.random() < 0.7:
        subject = f"{rng.choice(problems)}，{zh}"
        body = f"订单 {order}：在{shop}买的 {prod} {zh}，{rng.choice(problems)}。{rng.choice(problems)}。"
    else:
        subject = f"{rng.choice(en_problems).capitalize()} ({prod})"
        body = f"Order {order}: my {prod} {rng.choice(en_problems)}. Please help."
    events = []
    t = t0
    for _ in range(rng.randrange(0, 4)):
        t += timedelta(minutes=rng.randrange(10, 3000))
        who = rng.choice(["customer", "agent", "agent", "platform"])
        text = rng.choice(escal) if who == "customer" and rng.random() < 0.3 else rng.choice(problems + en_problems)
        events.append({"at": t.isoformat(), "actor": who, "kind": "message", "text": text})
    return {"id": f"TK-{i}", "created_at": t0.isoformat(), "status": rng.choice(["open", "pending", "solved"]),
            "channel": rng.choice(["chat", "phone", "email", "platform"]), "customer": f"c{rng.randrange(n // 2 + 1)}",
            "order_id": order, "subject": subject, "body": body, "events": events}, prod, zh, shop, order


tickets_meta = []
with open(os.path.join(out_dir, "tickets.jsonl"), "w", encoding="utf-8") as f:
    for i in range(n):
        t, prod, zh, shop, order = ticket(i)
        if i % max(1, n // 200) == 0:
            tickets_meta.append((t, prod, zh, shop, order))
        f.write(json.dumps(t, ensure_ascii=False) + "\n")
with open(os.path.join(out_dir, "spikes.jsonl"), "w", encoding="utf-8") as f:
    for k, (t, prod, zh, shop, order) in enumerate(rng.sample(tickets_meta, min(50, len(tickets_meta)))):
        s0 = datetime.fromisoformat(t["created_at"]) + timedelta(days=rng.uniform(1, 6))
        posts = []
        for j in range(rng.randrange(40, 200)):
            at = s0 + timedelta(seconds=30 * j)
            bits = [f"我朋友在{shop}买了{zh}", f"说好的 {prod}", rng.choice(problems), "无良商家", "求扩散"]
            if rng.random() < 0.5:
                bits.append(f"订单号 {order}")
            rng.shuffle(bits)
            posts.append({"id": f"s{k}-p{j}", "author": f"u{rng.randrange(10**6)}", "followers": rng.randrange(10, 10**5),
                          "text": "，".join(bits[:4]), "created_at": at.isoformat()})
        f.write(json.dumps({"id": f"S-bench-{k}", "start": s0.isoformat(), "top_terms": [shop, prod.lower()],
                            "origin": t["id"], "posts": posts}, ensure_ascii=False) + "\n")
print(f"{n} tickets, 50 spikes in {out_dir}")
