#!/usr/bin/env bash
# xvfb-run.sh — runs a command on its own Xvfb display and its own session bus, then stops them.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: xvfb-run.sh [--notifications] COMMAND [ARGS…]
#   --notifications  also start Debian's notification-daemon on the private bus, so that
#                    libnotify talks to a real org.freedesktop.Notifications server.
set -euo pipefail

with_notifications=0
if [[ ${1:-} == --notifications ]]; then
  with_notifications=1
  shift
fi

# A free display: neither a lock file nor a socket for it.
display=
for n in $(seq 90 199); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then
    display=$n
    break
  fi
done
[[ -n $display ]] || { echo "xvfb-run.sh: no free display" >&2; exit 1; }

Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
cleanup() {
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  [[ -e /tmp/.X11-unix/X$display ]] && break
  sleep 0.05
done
[[ -e /tmp/.X11-unix/X$display ]] || { echo "xvfb-run.sh: Xvfb did not start" >&2; exit 1; }

export DISPLAY=":$display"
export GDK_BACKEND=x11
unset WAYLAND_DISPLAY
# Cairo rendering keeps runs identical without a GPU.
export GSK_RENDERER=${GSK_RENDERER:-cairo}

inner='
  if [[ $RANAH_WITH_NOTIFICATIONS == 1 ]]; then
    /usr/lib/notification-daemon/notification-daemon --replace >/dev/null 2>&1 &
    daemon=$!
    for _ in $(seq 1 100); do
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
        | grep -q "boolean true" && break
      sleep 0.05
    done
  fi
  "$@"
  status=$?
  [[ -n ${daemon:-} ]] && kill "$daemon" 2>/dev/null
  exit $status
'
status=0
RANAH_WITH_NOTIFICATIONS=$with_notifications dbus-run-session -- bash -c "$inner" bash "$@" || status=$?
exit $status
