"""A tiny HTTP client-under-test: answers GET /status once it has "warmed up", and forks a helper child
the way real clients do (a web server with workers), so teardown has a tree to clean up."""
import http.server
import os
import subprocess
import sys
import time

port = int(sys.argv[1])
warmup = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3

# A child that a naive kill would orphan; Python itself, so it runs wherever the client does (Windows has no sleep).
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(100000)"])
time.sleep(warmup)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = (f'{{"status": "ok", "port": {port}, "pid": {os.getpid()}}}' if self.path == "/status" else "not found").encode()
        self.send_response(200 if self.path == "/status" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print(f"client {port}: {fmt % args}", flush=True)


print(f"client listening on 127.0.0.1:{port}", flush=True)
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
