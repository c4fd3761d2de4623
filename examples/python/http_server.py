#!/usr/bin/env python3
"""A reference model server for `--markup-url http://127.0.0.1:8000/mark` (docs/markup-http.md).

Standard library only: a threaded `http.server` that wraps the same `mark` function as the worker
(`readable_worker.mark_one`: selections with Python indices become UTF-16 offsets). Load the model
once at start; every POST is one essay, the response body is the marked essay.

    python3 examples/python/http_server.py --port 8000

If MARKUP_AUTH is set in its environment, requests must carry it as their Authorization header.
With --port 0 it picks a free port and prints `listening on http://127.0.0.1:PORT` first.
"""
import argparse
import json
import os
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from first_sentence import mark  # noqa: E402
from readable_worker import Context, mark_one  # noqa: E402

MAX_BODY = 20 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the client reuses its connections

    def reply(self, status, body):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        auth = os.environ.get("MARKUP_AUTH")
        if auth and self.headers.get("Authorization") != auth:
            return self.reply(401, {"error": "missing or wrong Authorization header"})
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            return self.reply(400, {"error": f"expected a JSON essay of 1..{MAX_BODY} bytes"})
        try:
            essay = json.loads(self.rfile.read(length).decode("utf-8"))
        except ValueError as error:
            return self.reply(400, {"error": f"the body is not JSON: {error}"})
        context = Context(None, self.headers.get("X-Readable-File-Id", ""), self.headers.get("X-Readable-Deadline"))
        try:
            self.reply(200, mark_one(mark, essay, context))
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            self.reply(500, {"error": f"{type(error).__name__}: {error}"})

    def log_message(self, format, *args):  # one line per request on stderr
        sys.stderr.write("http_server.py: " + (format % args) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
