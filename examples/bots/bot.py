"""An example bot: reads its config from CORRAL_CONFIG_FILE, serves GET /status on its port and, like a bot
whose web server runs as a child, forks a worker process. Corral stops both."""
import http.server
import json
import os
import subprocess
import sys

name, port = sys.argv[1], int(sys.argv[2])
with open(os.environ["CORRAL_CONFIG_FILE"]) as f:
    config = json.load(f)

worker = subprocess.Popen(["sleep", "100000"])  # the child a naive stop would orphan


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"bot": name, "status": "ok", "config": config, "worker": worker.pid}).encode()
        self.send_response(200 if self.path == "/status" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        print(f"{name}: {fmt % args}", flush=True)


print(f"{name} serving on 127.0.0.1:{port} with config {config}", flush=True)
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
