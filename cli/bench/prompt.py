#!/usr/bin/env python3
"""Time from starting an interactive command in a pseudo-terminal to its first prompt.

usage: prompt.py RUNS PROMPT COMMAND...   e.g. prompt.py 10 'oasis> ' ./oasis shell
Types 'exit' at the prompt and waits for the command to end. Prints one line:
mean ± sd, min, max of the time to the prompt, and the mean CPU (user+sys) of the whole run.
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def once(prompt, argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm-256color")
        # a terminal of 80x24, as a user's: at 0x0 a line editor has no room for its prompt
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvp(argv[0], argv)
    seen, shown = b"", None
    deadline = start + 30
    while shown is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if prompt in seen:
                shown = time.perf_counter() - start
    if shown is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(f"no prompt {prompt!r} within 30 s; the output was: {seen[-500:]!r}")
    os.write(fd, b"exit\r")
    while True:  # drain until the child closes the terminal
        try:
            ready, _, _ = select.select([fd], [], [], 5)
            if not ready or not os.read(fd, 4096):
                break
        except OSError:
            break
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    return shown, usage.ru_utime + usage.ru_stime, status


def main():
    runs, prompt, argv = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    once(prompt, argv)  # warm-up: file cache, class-data archive
    times, cpus = [], []
    for _ in range(runs):
        shown, cpu, status = once(prompt, argv)
        if status != 0:
            sys.exit(f"{' '.join(argv)} exited with status {status}")
        times.append(shown)
        cpus.append(cpu)
    sd = statistics.stdev(times) if len(times) > 1 else 0.0
    print(
        f"{' '.join(argv)}: to prompt {statistics.mean(times) * 1000:.0f} ms ± {sd * 1000:.0f} ms"
        f" (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {runs} runs);"
        f" CPU {statistics.mean(cpus) * 1000:.0f} ms per run, prompt to exit included"
    )


if __name__ == "__main__":
    main()
