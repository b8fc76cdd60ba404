/* bench-launch.c — how long a program takes from launch until its first window is mapped
 *
 * Copyright 2026 The Ranah authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-launch [--wait] COMMAND [ARGS…]
 *
 * Prints "mapped-ms N": the time from just before fork() until the X server reports the
 * MapNotify of the command's first top-level window. The event is read as it happens
 * (SubstructureNotify on the root window of a display with no window manager), where
 * `xdotool search --sync` polls only every half second. The command gets
 * RANAH_BENCH_LAUNCH_US, the launch time on the monotonic clock in microseconds, so that
 * Ranah can report its own later milestones from the same origin. Without --wait the
 * command is stopped once its window is mapped; with --wait it is left to exit.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>

static long long
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  int first = 1, wait_exit = 0, status = 0;
  long long launched, mapped = -1;
  char launch_text[32];
  pid_t pid;

  if (argc > 1 && strcmp (argv[1], "--wait") == 0)
    {
      wait_exit = 1;
      first = 2;
    }
  if (argc <= first)
    {
      fprintf (stderr, "usage: bench-launch [--wait] COMMAND [ARGS…]\n");
      return 2;
    }
  if ((display = XOpenDisplay (NULL)) == NULL)
    {
      fprintf (stderr, "bench-launch: no X display\n");
      return 1;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);

  launched = now_us ();
  snprintf (launch_text, sizeof launch_text, "%lld", launched);
  setenv ("RANAH_BENCH_LAUNCH_US", launch_text, 1);
  pid = fork ();
  if (pid < 0)
    {
      perror ("bench-launch: fork");
      return 1;
    }
  if (pid == 0)
    {
      close (ConnectionNumber (display));
      execvp (argv[first], argv + first);
      perror ("bench-launch: exec");
      _exit (127);
    }

  /* Menus and tooltips are override-redirect; the first other window mapped on the root
   * is the program's window (the display runs nothing else). */
  while (mapped < 0)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      while (mapped < 0 && XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect)
            mapped = now_us ();
        }
      if (mapped >= 0)
        break;
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          fprintf (stderr, "bench-launch: %s exited before mapping a window\n", argv[first]);
          return 1;
        }
      if (poll (&fd, 1, 60000) == 0)
        {
          fprintf (stderr, "bench-launch: no window within a minute\n");
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          return 1;
        }
    }
  printf ("mapped-ms %.1f\n", (mapped - launched) / 1000.0);
  fflush (stdout);

  if (!wait_exit)
    kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  XCloseDisplay (display);
  return wait_exit && (!WIFEXITED (status) || WEXITSTATUS (status) != 0) ? 1 : 0;
}
