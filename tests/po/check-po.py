#!/usr/bin/env python3
# check-po.py — the translations are complete: every file with translatable strings is in
# po/POTFILES.in, and po/id.po translates every message of a fresh extraction, none fuzzy,
# with formats and mnemonics intact, and the user guides name the labels the UI shows.
# Prints TAP.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py SOURCE_ROOT
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
results = []

# The keywords of meson's glib preset (and of gi18n-lib.h).
KEYWORDS = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
            "--keyword=g_dpgettext2:2c,3"]
C_MARK = re.compile(r'(^|[^A-Za-z0-9_])(N|C|NC)?_\s*\(\s*"|g_dngettext\s*\(|g_dpgettext2\s*\(')
UI_MARK = re.compile(r'translatable="yes"')
# Data files whose translatable elements gettext's ITS rules know by their kind.
DATA_SUFFIXES = (".desktop.in", ".metainfo.xml.in", ".gschema.xml.in")


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def has_translatable(path):
    if path.endswith(DATA_SUFFIXES):
        return True
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if path.endswith(".ui"):
        return bool(UI_MARK.search(text))
    return bool(C_MARK.search(text))


def sources():
    found = []
    for top in ("src", "data"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if name.endswith((".c", ".ui")) or name.endswith(DATA_SUFFIXES):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    if has_translatable(rel):
                        found.append(rel)
    return sorted(found)


def potfiles():
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith("#")]


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


listed = potfiles()
missing = [p for p in sources() if p not in listed]
check("every file with translatable strings is in POTFILES.in", not missing,
      "missing: " + " ".join(missing))
gone = [p for p in listed if not os.path.exists(os.path.join(root, p))]
check("every file in POTFILES.in exists", not gone, "missing files: " + " ".join(gone))
check("POTFILES.in is sorted without duplicates", listed == sorted(set(listed)))

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "ranah.pot")
    merged = os.path.join(tmp, "id.po")
    files_from = os.path.join(tmp, "POTFILES")
    with open(files_from, "w", encoding="utf-8") as f:
        f.write("\n".join(listed) + "\n")
    x = run(["xgettext", "--from-code=UTF-8", "--add-comments", "--package-name=ranah",
             *KEYWORDS, "-f", files_from, "-o", pot], cwd=root)
    check("xgettext extracts the messages", x.returncode == 0 and os.path.exists(pot),
          x.stderr.strip())
    pot_text = open(pot, encoding="utf-8").read() if os.path.exists(pot) else ""
    # The ITS rules of .ui, .desktop and metainfo files must have applied.
    for sample, origin in (("data/ui/", "the UI templates"),
                           (".desktop.in:", "the desktop file"),
                           (".metainfo.xml.in:", "the metainfo"),
                           (".gschema.xml.in:", "the settings schema")):
        check("the extraction includes " + origin, ("#: " in pot_text and sample in pot_text))

    m = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap",
             os.path.join(root, "po", "id.po"), pot, "-o", merged])
    check("msgmerge merges id.po with the fresh extraction", m.returncode == 0, m.stderr.strip())

    def ids(args):
        r = run(["msgattrib", *args, "--no-obsolete", "--no-wrap", merged])
        return [line for line in r.stdout.splitlines()
                if line.startswith("msgid ") and line != 'msgid ""']

    untranslated = ids(["--untranslated"])
    check("id.po translates every message", not untranslated,
          "%d untranslated, e.g. %s" % (len(untranslated), "; ".join(untranslated[:5])))
    fuzzy = ids(["--only-fuzzy"])
    check("id.po has no fuzzy message", not fuzzy,
          "%d fuzzy, e.g. %s" % (len(fuzzy), "; ".join(fuzzy[:5])))
    for label, path in (("id.po", os.path.join(root, "po", "id.po")), ("the merged id.po", merged)):
        c = run(["msgfmt", "--check", "--check-accelerators=_", "-o", os.devnull, path])
        check("msgfmt --check (formats, header, mnemonics) passes on " + label,
              c.returncode == 0, c.stderr.strip())

# The user guides (docs/, in Indonesian) name the buttons and pages in bold: each such name
# must be a label of the Indonesian UI, so a guide and the window never disagree.
def msgstrs(path):
    r = run(["msgattrib", "--translated", "--no-obsolete", "--no-wrap", path])
    labels = set()
    for line in r.stdout.splitlines():
        m = re.match(r'^msgstr(?:\[0\])? "(.*)"$', line)
        if m and m.group(1):
            labels.add(m.group(1).replace("_", "").strip())
    return labels


labels = msgstrs(os.path.join(root, "po", "id.po"))
unknown = []
docs = os.path.join(root, "docs")
for name in sorted(os.listdir(docs)) if os.path.isdir(docs) else []:
    if not name.endswith(".md"):
        continue
    with open(os.path.join(docs, name), encoding="utf-8") as f:
        text = f.read()
    for term in re.findall(r"\*\*(.+?)\*\*", text, re.S):
        term = " ".join(term.split())
        # Shortcuts and run-in headings ("**Masuk.** …") are not labels.
        if term.startswith("Ctrl") or term.endswith("."):
            continue
        if term not in labels:
            unknown.append("%s: %s" % (name, term))
check("every button and page the user guides name in bold is a label of the Indonesian UI",
      not unknown, "not in id.po: " + "; ".join(unknown))

for i, (name, ok, detail) in enumerate(results, 1):
    print(("ok %d - %s" if ok else "not ok %d - %s") % (i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
print("1..%d" % len(results))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
