"""The "test command" of check.sh, for machines without sh (Windows): corral runs it once every client is ready,
with each client's port in CORRAL_PORT_CLIENT_<n>. It asks every client for its status and fails if any does not
answer."""
import os
import sys
import urllib.request

failed = 0
for var in sorted(k for k in os.environ if k.startswith("CORRAL_PORT_CLIENT_")):
    port = os.environ[var]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=5) as answer:
            print(f"check: {var} ({port}) -> {answer.read().decode()}", flush=True)
    except OSError as error:
        print(f"check: {var} ({port}) did not answer: {error}", file=sys.stderr, flush=True)
        failed = 1
sys.exit(failed)
