#!/usr/bin/env python3
"""A webhook receiver for Outcry's notifier tests, on 127.0.0.1 only.

Records every POST (path, query, headers, JSON body) and verifies the signatures the channels
use, with secrets from the environment:
  /hook/webhook   Standard Webhooks (RECEIVER_WEBHOOK_SECRET): webhook-id/-timestamp/-signature
  /hook/dingtalk  DingTalk robot (RECEIVER_DINGTALK_SECRET): ?timestamp=ms&sign=urlenc(b64(hmac))
  /hook/feishu    Feishu bot (RECEIVER_FEISHU_SECRET): body timestamp + sign
Each record gets "verified": true/false, or null where nothing is signed.

Control: POST /_mode {"prefix": "/hook/slack", "mode": "ok" | "status:500" | "retry-after:429:3"
| "hang:5" | "errcode:130101", "times": N} makes the next N requests under prefix misbehave
(times -1: until changed). GET /_requests returns the records; POST /_reset clears them.
Duplicates by webhook-id are counted in GET /_stats (unique, total).
"""
import base64, hashlib, hmac, json, os, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
RECORDS = []
MODES = {}  # prefix -> [mode, times]


def b64hmac(key: bytes, msg: bytes) -> str:
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def verify(path, query, headers, raw, body):
    if path.startswith("/hook/webhook"):
        secret = os.environ.get("RECEIVER_WEBHOOK_SECRET")
        if not secret:
            return None
        key = base64.b64decode(secret[6:]) if secret.startswith("whsec_") else secret.encode()
        mid, ts, sig = headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature", "")
        if not mid or not ts or abs(time.time() - int(ts)) > 300:
            return False
        expected = "v1," + b64hmac(key, f"{mid}.{ts}.".encode() + raw)
        return any(hmac.compare_digest(expected, s) for s in sig.split(" "))
    if path.startswith("/hook/dingtalk"):
        secret = os.environ.get("RECEIVER_DINGTALK_SECRET")
        if not secret:
            return None
        ts, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
        if not ts or abs(time.time() * 1000 - int(ts)) > 3600 * 1000:
            return False
        return hmac.compare_digest(sign, b64hmac(secret.encode(), f"{ts}\n{secret}".encode()))
    if path.startswith("/hook/feishu"):
        secret = os.environ.get("RECEIVER_FEISHU_SECRET")
        if not secret or not isinstance(body, dict):
            return None
        ts = body.get("timestamp", "")
        return bool(ts) and hmac.compare_digest(body.get("sign", ""), b64hmac(f"{ts}\n{secret}".encode(), b""))
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, payload, extra=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with LOCK:
            if self.path == "/_requests":
                return self.send(200, RECORDS)
            if self.path == "/_stats":
                ids = [r["headers"].get("webhook-id") for r in RECORDS if r["headers"].get("webhook-id")]
                return self.send(200, {"total": len(RECORDS), "unique_webhook_ids": len(set(ids))})
        self.send(404, {})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_mode":
            m = json.loads(raw)
            with LOCK:
                MODES[m["prefix"]] = [m["mode"], m.get("times", -1)]
            return self.send(200, {})
        if url.path == "/_reset":
            with LOCK:
                RECORDS.clear()
                MODES.clear()
            return self.send(200, {})
        mode = "ok"
        with LOCK:
            for prefix, state in MODES.items():
                if url.path.startswith(prefix) and state[1] != 0:
                    mode = state[0]
                    if state[1] > 0:
                        state[1] -= 1
                    break
        hang = float(mode.split(":")[1]) if mode.startswith("hang:") else 0
        if mode.startswith("status:"):
            return self.send(int(mode.split(":")[1]), {"error": "told to fail"})
        if mode.startswith("retry-after:"):
            _, status, seconds = mode.split(":")
            return self.send(int(status), {"error": "slow down"}, {"Retry-After": seconds})
        try:
            body = json.loads(raw)
        except ValueError:
            return self.send(400, {"error": "not JSON"})
        headers = {k.lower(): v for k, v in self.headers.items()}
        query = urllib.parse.parse_qs(url.query)
        record = {"path": url.path, "query": {k: v[0] for k, v in query.items()}, "headers": headers, "body": body,
                  "verified": verify(url.path, query, headers, raw, body)}
        with LOCK:
            RECORDS.append(record)
        if hang:
            # Received, but the answer comes late (or never, if the sender gives up or dies).
            time.sleep(hang)
        if mode.startswith("errcode:"):
            code = int(mode.split(":")[1])
            return self.send(200, {"errcode": code, "code": code, "errmsg": "told to fail", "msg": "told to fail"})
        self.send(200, {"errcode": 0, "code": 0, "errmsg": "ok"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"alert receiver on 127.0.0.1 port {server.server_address[1]} ready", flush=True)
server.serve_forever()
