#!/usr/bin/env python3
"""Generate deterministic multi-MB RSS 2.0 and Atom 1.0 files for `make bench`.

Usage: python3 scripts/gen-bench-feeds.py OUT_DIR [ITEMS]
Items mix Simplified/Traditional Chinese and English with HTML in descriptions (escaped and CDATA),
categories, dates and links, like RSSHub's Weibo output.
"""
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 9000
rng = random.Random(42)
os.makedirs(out, exist_ok=True)
zh = ["京东的快递今天到了，包装完好", "在京东买的Comfort U护腰枕收到的是Contour U", "非质量问题不退货？太无赖了",
      "京東這次真的太無賴了，貨不對板還不退", "物流很快，客服态度很好，好评", "退款一周了还没到账，投诉无门"]
en = ["JD.com shipped the wrong pillow and refused the return", "Fast delivery, great price", "Customer service never answered"]
t0 = datetime(2018, 3, 1, tzinfo=timezone(timedelta(hours=8)))


def text():
    return " ".join(rng.choice(zh + en) for _ in range(rng.randint(2, 6)))


with open(os.path.join(out, "bench.rss.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            "<title>weibo keyword 京东 - RSSHub</title><link>https://weibo.com/</link><description>bench</description>\n")
    for i in range(n):
        at = t0 + timedelta(seconds=37 * i)
        desc = f"<p>{text()}</p><img src=\"https://wx1.sinaimg.cn/large/{i}.jpg\"><br><a href=\"https://weibo.com/{i}\">原文</a>"
        body = f"<![CDATA[{desc}]]>" if i % 2 else desc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        f.write(f"<item><title>{text()[:40]}</title><description>{body}</description>"
                f"<pubDate>{at.strftime('%a, %d %b %Y %H:%M:%S +0800')}</pubDate><guid>https://weibo.com/u/{i}</guid>"
                f"<link>https://weibo.com/u/{i}?from=rss</link><dc:creator>user{i % 997}</dc:creator><category>京东</category></item>\n")
    f.write("</channel></rss>\n")

with open(os.path.join(out, "bench.atom.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>bench</title>'
            "<id>urn:bench</id><updated>2018-03-01T00:00:00Z</updated>\n")
    for i in range(n):
        at = t0 + timedelta(seconds=37 * i)
        content = f"<p>{text()}</p>".replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        f.write(f"<entry><id>urn:bench:{i}</id><title>{text()[:40]}</title><link href=\"https://example.com/{i}\"/>"
                f"<updated>{at.isoformat()}</updated><author><name>user{i % 997}</name></author>"
                f"<content type=\"html\">{content}</content><category term=\"京东\"/></entry>\n")
    f.write("</feed>\n")
print(out)
