#!/bin/sh
# The "test command": corral runs it once every client is ready, with each client's port in
# CORRAL_PORT_CLIENT_<n>. It asks every client for its status and fails if any does not answer.
set -eu
failed=0
for var in $(env | sed -n 's/^\(CORRAL_PORT_CLIENT_[0-9]*\)=.*/\1/p' | sort); do
  port=$(printenv "$var")
  if answer=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/status"); then
    echo "check: $var ($port) -> $answer"
  else
    echo "check: $var ($port) did not answer" >&2
    failed=1
  fi
done
exit $failed
