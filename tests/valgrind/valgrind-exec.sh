#!/bin/sh
# valgrind-exec.sh — runs a program under memcheck: no invalid reads or writes, no
# uninitialised values, no definite leaks (libraries' lifetime caches suppressed)
#
#   valgrind-exec.sh PROGRAM [ARGUMENTS…]
#   RANAH_VALGRIND_EXEC=PROGRAM valgrind-exec.sh [ARGUMENTS…]   (in place of a program
#                                                 a test spawns by path, e.g. ranah-cli)
#
# Its exit status is the program's, or 99 when memcheck found an error, so a test that
# checks exit codes fails too when the program it spawns is not clean.
#
# Copyright 2026 The Ranah authors
# SPDX-License-Identifier: GPL-3.0-or-later
here=$(dirname "$0")
G_SLICE=always-malloc
export G_SLICE
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --track-origins=no --num-callers=30 \
  --suppressions="$here/ranah.supp" ${RANAH_VALGRIND_EXEC:+"$RANAH_VALGRIND_EXEC"} "$@"
