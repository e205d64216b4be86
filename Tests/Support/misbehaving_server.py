#!/usr/bin/env python3
"""A loopback HTTP server that misbehaves on purpose, for Outcry's fetch tests.

Started by the test suite (OutcryTesting.LocalHTTPServer.misbehaving(); with a certificate and
key as arguments it speaks TLS); prints
"Serving HTTP on 127.0.0.1 port N" and serves until killed. Routes:
  /feed.xml       a good RSS feed (ETag and Last-Modified; honours conditional GET)
  /etag-churn     new ETag on every response, stable Last-Modified
  /slow           drips one byte every 0.5 s
  /500            HTTP 500
  /429            HTTP 429 with Retry-After: 120
  /wrong-charset  UTF-8 body served as charset=iso-8859-1
  /truncated      Content-Length larger than the body, then closes
  /gzip-bomb      gzip body that inflates to 64 MB
  /loop           301 to itself
  /moved          301 to /feed.xml
  /mastodon       a Mastodon tag timeline of 45 statuses (ids 1-45): min_id/max_id/limit paging
                  and a Link header with rel="prev" and rel="next", as Mastodon sends them
  /jetstream      a WebSocket (RFC 6455, handshake checked) speaking Bluesky Jetstream: 30 post
                  events with time_us 1..30 (x 10^15 + n), resumed after ?cursor=; a ping first,
                  every fifth event fragmented in two frames, then (after ?hold= seconds) a close
                  frame (1000)
  /jetstream-bad  answers the upgrade with a wrong Sec-WebSocket-Accept
"""
import base64
import hashlib
import struct
import gzip
import http.server
import itertools
import json
import urllib.parse
import socketserver
import sys
import time

FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>京东 feed</title>'
        '<item><title>无赖京东</title><guid>g1</guid><pubDate>Wed, 14 Mar 2018 09:47:12 +0800</pubDate></item>'
        '</channel></rss>').encode("utf-8")
LAST_MODIFIED = "Wed, 14 Mar 2018 02:00:00 GMT"
BOMB = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
counter = itertools.count()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k.lower() == "content-length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def conditional(self, etag):
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send(304, headers=[("ETag", etag), ("Last-Modified", LAST_MODIFIED)])
            return True
        return False

    def mastodon(self):
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        limit = int(q.get("limit", ["20"])[0])
        ids = list(range(1, 46))
        if "min_id" in q:
            page = [i for i in ids if i > int(q["min_id"][0])][:limit]
        elif "max_id" in q:
            page = [i for i in ids if i < int(q["max_id"][0])][-limit:]
        else:
            page = ids[-limit:]
        page.sort(reverse=True)
        statuses = [{"id": str(i), "created_at": "2018-03-14T02:%02d:00.000Z" % i, "uri": "https://m.example/statuses/%d" % i,
                     "url": "https://m.example/@amy/%d" % i, "content": "<p>京东 status %d</p>" % i,
                     "account": {"acct": "amy@m.example", "followers_count": 10}, "reblog": None} for i in page]
        headers = [("Content-Type", "application/json")]
        if page:
            base = "http://%s/mastodon?limit=%d" % (self.headers["Host"], limit)
            headers.append(("Link", '<%s&max_id=%d>; rel="next", <%s&min_id=%d>; rel="prev"' % (base, min(page), base, max(page))))
        self.send(200, json.dumps(statuses).encode(), headers)

    def frame(self, opcode, payload, fin=True):
        n = len(payload)
        head = bytes([(0x80 if fin else 0) | opcode])
        if n < 126:
            head += bytes([n])
        elif n < 65536:
            head += bytes([126]) + struct.pack(">H", n)
        else:
            head += bytes([127]) + struct.pack(">Q", n)
        self.wfile.write(head + payload)

    def jetstream(self, good=True):
        key = self.headers.get("Sec-WebSocket-Key", "")
        if self.headers.get("Upgrade", "").lower() != "websocket" or self.headers.get("Sec-WebSocket-Version") != "13" or not key:
            return self.send(400, b"not a WebSocket handshake")
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept if good else "AAAA" + accept[4:])
        self.end_headers()
        self.wfile.flush()
        if not good:
            return
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        cursor = int(q.get("cursor", ["0"])[0])
        self.frame(0x9, b"are you there")
        base = 10 ** 15
        for n in range(1, 31):
            t = base + n
            if t <= cursor:
                continue
            event = {"did": "did:plc:amy", "time_us": t, "kind": "commit",
                     "commit": {"rev": "r%d" % n, "operation": "create", "collection": "app.bsky.feed.post", "rkey": "k%d" % n,
                                "record": {"$type": "app.bsky.feed.post", "text": "京东 post %d" % n,
                                           "createdAt": "2018-03-14T02:%02d:00.000Z" % n, "langs": ["zh"]}, "cid": "c%d" % n}}
            data = json.dumps(event, ensure_ascii=False).encode()
            if n % 5 == 0:
                self.frame(0x1, data[:10], fin=False)
                self.frame(0x0, data[10:])
            else:
                self.frame(0x1, data)
            self.wfile.flush()
        time.sleep(float(q.get("hold", ["0"])[0]))
        self.frame(0x8, struct.pack(">H", 1000) + b"bye")
        self.wfile.flush()
        self.close_connection = True

    def do_GET(self):
        p = self.path
        if p.startswith("/mastodon"):
            return self.mastodon()
        if p.startswith("/jetstream-bad"):
            return self.jetstream(good=False)
        if p.startswith("/jetstream"):
            return self.jetstream()
        if p == "/feed.xml":
            if not self.conditional('"v1"'):
                self.send(200, FEED, [("Content-Type", "application/rss+xml"), ("ETag", '"v1"'), ("Last-Modified", LAST_MODIFIED)])
        elif p == "/etag-churn":
            etag = '"%d"' % next(counter)
            if not self.conditional(etag):
                self.send(200, FEED, [("Content-Type", "application/rss+xml"), ("ETag", etag), ("Last-Modified", LAST_MODIFIED)])
        elif p == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            for b in FEED:
                self.wfile.write(bytes([b]))
                self.wfile.flush()
                time.sleep(0.5)
        elif p == "/500":
            self.send(500, b"oops")
        elif p == "/429":
            self.send(429, b"slow down", [("Retry-After", "120")])
        elif p == "/wrong-charset":
            self.send(200, FEED, [("Content-Type", "application/xml; charset=iso-8859-1")])
        elif p == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED) + 500))
            self.end_headers()
            self.wfile.write(FEED[:50])
            self.wfile.flush()
            self.close_connection = True
        elif p == "/gzip-bomb":
            self.send(200, BOMB, [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")])
        elif p == "/loop":
            self.send(301, headers=[("Location", "/loop")])
        elif p == "/moved":
            self.send(301, headers=[("Location", "/feed.xml")])
        else:
            self.send(404, b"not found")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 3:   # misbehaving_server.py CERT.pem KEY.pem: the same routes over TLS (https, wss)
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]} (misbehaving)", flush=True)
server.serve_forever()
