#!/usr/bin/env python3
# check-install.py — `meson install` into a staging directory puts the programs, the desktop
# file, the metainfo, the icons, the settings schema and the translations in place, the
# installed files validate, and the installed programs run: ranah-cli --version, both
# programs in Indonesian from the installed catalogue, and ranah drawing its inbox under Xvfb.
# Prints TAP.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py BUILD_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID VERSION XVFB_RUN
import configparser
import os
import shutil
import subprocess
import sys
import tempfile

build, prefix, bindir, datadir, localedir, app_id, version, xvfb_run = sys.argv[1:9]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    return ok


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LANG", "DISPLAY", "WAYLAND_DISPLAY")
           and not k.startswith("LC_")}
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra)
    return env


def run(argv, timeout=120, **extra):
    return subprocess.run(argv, capture_output=True, text=True, env=clean_env(**extra),
                          timeout=timeout)


def finish():
    for i, (name, ok, detail) in enumerate(results, 1):
        print(("ok %d - %s" if ok else "not ok %d - %s") % (i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:40]:
                print("# " + line)
    print("1..%d" % len(results))
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


def staged(*parts):
    path = os.path.join(*parts)
    if not os.path.isabs(path):
        path = os.path.join(prefix, path)
    return os.path.join(stage, path.lstrip("/"))


tmp = tempfile.mkdtemp(prefix="ranah-install-")
try:
    stage = os.path.join(tmp, "stage")
    r = run(["meson", "install", "-C", build, "--destdir", stage, "--no-rebuild", "--quiet"],
            timeout=300)
    if not check("meson install --destdir succeeds", r.returncode == 0, r.stdout + r.stderr):
        finish()

    ranah = staged(bindir, "ranah")
    cli = staged(bindir, "ranah-cli")
    desktop = staged(datadir, "applications", app_id + ".desktop")
    metainfo = staged(datadir, "metainfo", app_id + ".metainfo.xml")
    schemas = staged(datadir, "glib-2.0", "schemas")
    schema = os.path.join(schemas, app_id + ".gschema.xml")
    icons = staged(datadir, "icons", "hicolor")
    scalable = os.path.join(icons, "scalable", "apps", app_id + ".svg")
    symbolic = os.path.join(icons, "symbolic", "apps", app_id + "-symbolic.svg")
    locales = staged(localedir)
    mo = os.path.join(locales, "id", "LC_MESSAGES", "ranah.mo")

    for label, path, executable in (("the app ranah", ranah, True),
                                    ("ranah-cli", cli, True),
                                    ("the desktop file", desktop, False),
                                    ("the AppStream metainfo", metainfo, False),
                                    ("the scalable icon", scalable, False),
                                    ("the symbolic icon", symbolic, False),
                                    ("the GSettings schema", schema, False),
                                    ("the Indonesian translation", mo, False)):
        ok = os.path.isfile(path) and (not executable or os.access(path, os.X_OK))
        check("%s is installed (%s)" % (label, os.path.relpath(path, stage)), ok)

    r = run(["desktop-file-validate", desktop])
    # Hints (such as two main categories) are advice; errors and warnings fail.
    problems = [line for line in (r.stdout + r.stderr).splitlines()
                if ": error: " in line or ": warning: " in line]
    check("the installed desktop file validates", r.returncode == 0 and not problems,
          r.stdout + r.stderr)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    try:
        entry.read(desktop, encoding="utf-8")
        section = entry["Desktop Entry"]
        check("the desktop file starts the installed binary and names the installed icon",
              section.get("Exec", "").split()[0] == "ranah" and section.get("Icon") == app_id,
              dict(section))
    except (configparser.Error, KeyError, IndexError) as e:
        check("the desktop file starts the installed binary and names the installed icon",
              False, e)
    try:
        with open(desktop, encoding="utf-8") as f:
            desktop_text = f.read()
        with open(metainfo, encoding="utf-8") as f:
            metainfo_text = f.read()
    except OSError as e:
        desktop_text = metainfo_text = str(e)
    check("the installed desktop file and metainfo carry the Indonesian translation",
          "Comment[id]=" in desktop_text and "GenericName[id]=Permohonan Subdomain" in desktop_text
          and '<summary xml:lang="id">' in metainfo_text)
    r = run(["appstreamcli", "validate", "--no-net", metainfo])
    check("the installed metainfo validates (appstreamcli --no-net)", r.returncode == 0,
          r.stdout + r.stderr)
    compiled = os.path.join(tmp, "schemas")
    os.makedirs(compiled)
    r = run(["glib-compile-schemas", "--strict", "--targetdir", compiled, schemas])
    check("the installed schema compiles with --strict", r.returncode == 0, r.stdout + r.stderr)

    r = run([cli, "--version"])
    check("the installed ranah-cli runs (--version)",
          r.returncode == 0 and r.stdout.strip() == "ranah-cli " + version,
          r.stdout + r.stderr)
    r = run([cli, "--help"], LC_ALL="id_ID.UTF-8", RANAH_LOCALEDIR=locales)
    check("the installed ranah-cli speaks Indonesian from the installed catalogue",
          r.returncode == 0 and "Penggunaan:" in r.stdout, r.stdout[:300] + r.stderr)
    r = run([ranah, "--help"], LC_ALL="id_ID.UTF-8", RANAH_LOCALEDIR=locales)
    check("the installed ranah speaks Indonesian from the installed catalogue",
          r.returncode == 0 and "Buka tempat data ini" in r.stdout, r.stdout + r.stderr)

    # The installed app starts: sign in to a fresh store and draw the inbox on Xvfb.
    store = "sqlite:" + os.path.join(tmp, "ranah.db")
    r = run([cli, "--store", store, "--user", "admin", "store", "init"],
            RANAH_PASSWORD="rahasia-admin")
    r2 = run([cli, "--store", store, "--user", "admin", "user", "add", "kadis", "--role",
              "kadis", "--full-name", "Kepala Dinas"],
             RANAH_PASSWORD="rahasia-admin", RANAH_NEW_PASSWORD="rahasia-kadis")
    check("the installed ranah-cli sets up a store", r.returncode == 0 and r2.returncode == 0,
          r.stderr + r2.stderr)
    r = run([xvfb_run, ranah, "--store", store, "--user", "kadis", "--exit-when-drawn"],
            timeout=120, RANAH_PASSWORD="rahasia-kadis", GSETTINGS_BACKEND="memory",
            GSETTINGS_SCHEMA_DIR=compiled, XDG_DATA_DIRS=staged(datadir) + ":/usr/share",
            NO_AT_BRIDGE="1", GTK_A11Y="none")
    check("the installed ranah starts and draws the inbox under Xvfb",
          r.returncode == 0 and "inbox-drawn-ms" in r.stdout, r.stdout + r.stderr)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish()
