#!/usr/bin/env bash
# weston-run.sh — runs a command on its own headless Wayland compositor (Weston, software
# rendering) and its own session bus, then stops them: the ui benchmark's Wayland display,
# beside Xvfb (xvfb-run.sh). Wayland is the session GNOME starts by default on Debian 12.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: weston-run.sh COMMAND [ARGS…]
set -euo pipefail

command -v weston >/dev/null || { echo "weston-run.sh: weston is not installed" >&2; exit 77; }

runtime=$(mktemp -d)
chmod 700 "$runtime"
socket=ranah-bench
XDG_RUNTIME_DIR=$runtime weston --backend=headless-backend.so --socket="$socket" \
  --width=1280 --height=800 --idle-time=0 >"$runtime/weston.log" 2>&1 &
weston_pid=$!
cleanup() {
  kill "$weston_pid" 2>/dev/null || true
  wait "$weston_pid" 2>/dev/null || true
  rm -rf "$runtime"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  [[ -S $runtime/$socket ]] && break
  sleep 0.05
done
[[ -S $runtime/$socket ]] || { echo "weston-run.sh: Weston did not start" >&2; cat "$runtime/weston.log" >&2; exit 1; }

export XDG_RUNTIME_DIR=$runtime WAYLAND_DISPLAY=$socket GDK_BACKEND=wayland
unset DISPLAY
# Cairo rendering, as under Xvfb: the same renderer on both display servers.
export GSK_RENDERER=${GSK_RENDERER:-cairo}
status=0
dbus-run-session -- "$@" || status=$?
exit $status
