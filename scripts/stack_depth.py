#!/usr/bin/env python3
"""Worst-case stack depth from GCC call-graph files.

Compile with -fcallgraph-info=su (GCC >= 10); each object gets a .ci file
with every function's static frame size and its calls. This script joins
the .ci files, then for each root function prints the deepest call path
and the sum of the frames along it. Functions without a .ci entry (libc:
memset, memcpy) count as 0 bytes and are marked with '?'. Recursion and
calls through pointers are not followed (Mote's crypto core has neither).

Usage: stack_depth.py ROOT[,ROOT...] FILE.ci [FILE.ci ...]
"""
import re
import sys
from functools import lru_cache

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
SIZE = re.compile(r"\\n(\d+) bytes \((static|dynamic[^)]*)\)")


def load(files):
    size, calls = {}, {}
    for path in files:
        with open(path) as f:
            for line in f:
                m = NODE.search(line)
                if m:
                    s = SIZE.search(m.group(2))
                    if s:
                        size[m.group(1)] = int(s.group(1))
                    continue
                m = EDGE.search(line)
                if m:
                    calls.setdefault(m.group(1), set()).add(m.group(2))
    return size, calls


def short(name):
    return name.split(":")[-1]


def main():
    roots, files = sys.argv[1].split(","), sys.argv[2:]
    size, calls = load(files)
    # Static functions are titled "file:name"; map plain names to them.
    by_short = {}
    for n in size:
        by_short.setdefault(short(n), n)

    @lru_cache(maxsize=None)
    def depth(fn, stack=()):
        fn = fn if fn in size else by_short.get(fn, fn)
        if fn in stack:
            return 0, [fn + " (recursion)"]
        best, path = 0, []
        for callee in calls.get(fn, ()):
            d, p = depth(callee, stack + (fn,))
            if d > best:
                best, path = d, p
        own = size.get(fn)
        return (own or 0) + best, [short(fn) + ("?" if own is None else " %d" % own)] + path

    for root in roots:
        total, path = depth(root)
        print("%-32s %6d bytes: %s" % (root, total, " > ".join(path)))


if __name__ == "__main__":
    main()
