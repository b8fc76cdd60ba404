#!/usr/bin/env python3
# check-manifest.py — checks the Flatpak manifest's structure (it cannot be built here
# without the GNOME runtime): the app ID, minimal permissions, and pinned sources.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

manifest_path, app_id = sys.argv[1], sys.argv[2]
tests = []


def check(name, ok, detail=""):
    tests.append((name, ok, detail))


with open(manifest_path) as f:
    manifest = json.load(f)

check("app id is the project's", manifest.get("id") == app_id, manifest.get("id"))
check("command is ranah", manifest.get("command") == "ranah")
check("runtime is GNOME", manifest.get("runtime") == "org.gnome.Platform"
      and manifest.get("sdk") == "org.gnome.Sdk")

allowed = {"--share=ipc", "--share=network", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri", "--talk-name=org.freedesktop.Notifications"}
args = set(manifest.get("finish-args", []))
check("no permission beyond network, display and notifications", args <= allowed,
      sorted(args - allowed))
check("no file-system access (files go through portals)",
      not any(a.startswith("--filesystem") for a in args))

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules]
for needed in ("libsodium", "ldns", "libqrencode", "libpq", "ranah"):
    check(f"module {needed} is built", needed in names)
check("ranah is built last", names and names[-1] == "ranah")

for module in modules:
    for source in module.get("sources", []):
        if source.get("type") == "dir":
            continue
        check(f"{module['name']}: source pinned by sha256",
              re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None)
        check(f"{module['name']}: source fetched over https",
              source.get("url", "").startswith("https://"))

print(f"1..{len(tests)}")
failed = 0
for i, (name, ok, detail) in enumerate(tests, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok else f" # {detail}"))
    failed += not ok
sys.exit(1 if failed else 0)
