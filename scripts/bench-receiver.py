#!/usr/bin/env python3
"""A minimal asyncio HTTP/1.1 webhook receiver for the outbox benchmark: answers every POST
with 200 and counts requests and distinct webhook-ids (GET /_stats), keep-alive supported, so
that the receiver is not what is being measured. Prints "port N" when ready."""
import asyncio, json

stats = {"total": 0, "ids": set()}


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
            n = int(headers.get("content-length", "0"))
            if n:
                await reader.readexactly(n)
            if method == "GET" and path == "/_stats":
                body = json.dumps({"total": stats["total"], "unique_webhook_ids": len(stats["ids"])}).encode()
            else:
                stats["total"] += 1
                if "webhook-id" in headers:
                    stats["ids"].add(headers["webhook-id"])
                body = b'{"ok":true}'
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print(f"bench receiver on 127.0.0.1 port {server.sockets[0].getsockname()[1]} ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
