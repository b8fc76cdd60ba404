#!/usr/bin/env python3
# check-language.py — ranah-cli and ranah speak Indonesian under id_ID.UTF-8 and English
# under C.UTF-8: their help, a message from the core, and a message with a 64-bit id.
# Prints TAP.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-language.py RANAH_CLI RANAH LOCALEDIR
#   LOCALEDIR holds id/LC_MESSAGES/ranah.mo (the build tree's po/ or an installed share/locale).
import os
import subprocess
import sys
import tempfile

cli, app, localedir = sys.argv[1:4]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(argv, lang, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LANG") and not k.startswith("LC_")}
    env.update({"LC_ALL": lang, "RANAH_LOCALEDIR": localedir, "RANAH_PASSWORD": "rahasia-2026"})
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.update(extra)
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)


ID, EN = "id_ID.UTF-8", "C.UTF-8"
locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
check("the id_ID.UTF-8 locale exists (scripts/install-deps generates it)",
      "id_id.utf8" in locales, "locale -a: " + " ".join(locales))
check("the Indonesian catalogue is in LOCALEDIR",
      os.path.exists(os.path.join(localedir, "id", "LC_MESSAGES", "ranah.mo")))

r = run([cli, "--help"], ID)
check("ranah-cli --help is Indonesian under id_ID.UTF-8",
      r.returncode == 0 and "Penggunaan:" in r.stdout and "Perintah:" in r.stdout
      and "Kelola pengguna dan perannya" in r.stdout, r.stdout[:400] + r.stderr)
r = run([cli, "--help"], EN)
check("ranah-cli --help is English under C.UTF-8",
      r.returncode == 0 and "Usage:" in r.stdout and "Manage users and their roles" in r.stdout,
      r.stdout[:400] + r.stderr)
r = run([app, "--help"], ID)
check("ranah --help is Indonesian under id_ID.UTF-8",
      r.returncode == 0 and "Buka tempat data ini" in r.stdout, r.stdout + r.stderr)
r = run([app, "--help"], EN)
check("ranah --help is English under C.UTF-8",
      r.returncode == 0 and "Open this store" in r.stdout, r.stdout + r.stderr)

with tempfile.TemporaryDirectory() as tmp:
    store = "sqlite:" + os.path.join(tmp, "ranah.db")
    base = [cli, "--store", store, "--user", "admin"]
    r = run(base + ["store", "init", "--full-name", "Administrator"], EN)
    check("a store is set up", r.returncode == 0, r.stdout + r.stderr)

    r = run(base + ["opd", "add", "DINKES", "--name", "Dinas Kesehatan"], ID)
    check("a message with a 64-bit id is Indonesian (PRId64 in the catalogue)",
          r.returncode == 0 and r.stdout.strip() == "OPD DINKES ditambahkan, id 1.",
          r.stdout + r.stderr)

    bad = base + ["holiday", "add", "2026-02-30", "Libur"]
    r = run(bad, ID)
    check("a validation error from the core is Indonesian, exit status 3",
          r.returncode == 3 and "bukan tanggal yang ada di kalender" in r.stderr,
          "status %d: %s" % (r.returncode, r.stderr))
    r = run(bad, EN)
    check("the same error is English under C.UTF-8",
          r.returncode == 3 and "is not a date that exists in the calendar" in r.stderr,
          "status %d: %s" % (r.returncode, r.stderr))

for i, (name, ok, detail) in enumerate(results, 1):
    print(("ok %d - %s" if ok else "not ok %d - %s") % (i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
print("1..%d" % len(results))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
