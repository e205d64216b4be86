#!/usr/bin/env python3
"""The peer for the outbox benchmark: POST the same signed Alert JSON N times to the same
receiver with Python's http.client, CONCURRENCY threads each on one keep-alive connection —
the cost of delivery alone, with no store, retries or bookkeeping.

Usage: webhook-peer.py URL N [CONCURRENCY]
"""
import base64, hashlib, hmac, http.client, json, sys, threading, time, urllib.parse

url, n = sys.argv[1], int(sys.argv[2])
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 8
u = urllib.parse.urlsplit(url)
key = b"bench-secret"
body = json.dumps({"id": "A-bench", "topic": "bench", "severity": "warning", "top_terms": ["无赖京东"]}, ensure_ascii=False).encode()


def work(count, offset):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    for i in range(count):
        mid, ts = f"msg_{offset + i}", str(int(time.time()))
        sig = "v1," + base64.b64encode(hmac.new(key, f"{mid}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
        conn.request("POST", u.path, body, {"Content-Type": "application/json", "webhook-id": mid, "webhook-timestamp": ts,
                                            "webhook-signature": sig})
        r = conn.getresponse()
        r.read()
        assert 200 <= r.status < 300, r.status


start = time.perf_counter()
threads = [threading.Thread(target=work, args=(n // workers, k * n)) for k in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
print(f"peer: {n // workers * workers} posts in {elapsed:.2f} s = {n // workers * workers / elapsed:.0f} posts/s (concurrency {workers})")
