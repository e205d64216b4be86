#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for Outcry's email tests, on 127.0.0.1 only.

Usage: smtp_receiver.py OUTDIR MODE CERT KEY   (MODE: starttls | implicit | plain)
Requires AUTH (user "outcry", password from RECEIVER_SMTP_PASSWORD) in the TLS modes. Each
accepted message is parsed with Python's email package and written to OUTDIR as JSON
(envelope, decoded headers, text and HTML parts, raw message).
"""
import asyncio, json, os, ssl, sys, time
from email import policy
from email.parser import BytesParser
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

outdir, mode, cert, key = sys.argv[1:5]
password = os.environ.get("RECEIVER_SMTP_PASSWORD", "")


class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = BytesParser(policy=policy.default).parsebytes(envelope.content)
        parts = {}
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        record = {
            "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
            "message_id": str(msg["message-id"]), "in_reply_to": str(msg["in-reply-to"] or ""),
            "references": str(msg["references"] or ""), "content_type": msg.get_content_type(),
            "raw_subject": envelope.content.decode("ascii", "replace").split("Subject: ", 1)[1].split("\r\nDate:", 1)[0],
            "parts": parts, "tls": server.transport.get_extra_info("ssl_object") is not None, "auth": session.authenticated,
        }
        name = os.path.join(outdir, f"{time.time_ns()}.json")
        with open(name + ".tmp", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(name + ".tmp", name)
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"outcry" and auth_data.password == password.encode()
    return AuthResult(success=ok, handled=False)


context = None
if mode != "plain":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
import socket
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
kwargs = dict(hostname="127.0.0.1", port=free_port)
if mode == "starttls":
    kwargs.update(tls_context=context, require_starttls=True, authenticator=authenticator, auth_required=True, auth_exclude_mechanism=["LOGIN"])
elif mode == "implicit":
    kwargs.update(ssl_context=context, authenticator=authenticator, auth_required=True, auth_require_tls=False, auth_exclude_mechanism=["LOGIN"])
controller = Controller(Handler(), **kwargs)
controller.start()
port = free_port
print(f"smtp receiver on 127.0.0.1 port {port} ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
