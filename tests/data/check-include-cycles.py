#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the C files under the given folders depend on each other in a cycle.

    check-include-cycles.py [--include-dir DIR]... ROOT...

A file depends on every header it includes with quotes (resolved against the
including file's folder first, then each --include-dir, as the compiler does).
A header in turn leads to the .c files behind it: the one with the same base
name beside it, and any .c that defines (at the start of a line, as GNU style
writes definitions) a function the header declares. So "a.c includes b.h,
b.c includes a.h" is a cycle, and so is a header whose functions are defined
in a file that needs the header's users: that is the import cycle a layered
library must not have. Prints every cycle found (the units that reach each
other, and one path through them) and exits 1; otherwise prints how many
files and edges were checked. With --known FILE, cycles inside one listed in
FILE are printed but pass, so a tree with old cycles can still refuse new ones.
"""

import argparse
import os
import re
import sys

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
DEFINE_RE = re.compile(r'^([a-z_][a-z0-9_]*)\s*\(', re.MULTILINE)
CALLABLE_RE = re.compile(r'\b([a-z_][a-z0-9_]*)\s*\(')
COMMENT_RE = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)
# Words followed by "(" in a header that are not functions of the project.
NOT_FUNCTIONS = {'if', 'for', 'while', 'switch', 'return', 'sizeof', 'defined'}


def read(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return COMMENT_RE.sub(' ', f.read())


def collect(roots):
    files = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(('.c', '.h')):
                    files.append(os.path.normpath(os.path.join(folder, name)))
    return files


def resolve(name, including, include_dirs, known):
    for base in [os.path.dirname(including)] + include_dirs:
        candidate = os.path.normpath(os.path.join(base, name))
        if candidate in known:
            return candidate
    return None


def build_graph(files, include_dirs):
    """Returns {unit: {unit: why}}: a unit is a .c file together with the
    headers it implements; a header nobody implements is a unit of its own."""
    known = set(files)
    texts = {path: read(path) for path in files}

    definers = {}
    for path in files:
        if path.endswith('.c'):
            for function in DEFINE_RE.findall(texts[path]):
                definers.setdefault(function, set()).add(path)

    units_of = {}
    for path in files:
        if path.endswith('.c'):
            units_of[path] = {path}
            continue
        units = set()
        twin = path[:-2] + '.c'
        if twin in known:
            units.add(twin)
        for function in set(CALLABLE_RE.findall(texts[path])) - NOT_FUNCTIONS:
            units |= definers.get(function, set())
        units_of[path] = units or {path}

    graph = {unit: {} for units in units_of.values() for unit in units}
    for path in files:
        for name in INCLUDE_RE.findall(texts[path]):
            target = resolve(name, path, include_dirs, known)
            if target is None:
                continue
            for unit in units_of[path]:
                for other in units_of[target] - {unit}:
                    graph[unit].setdefault(other, f'{path} includes {target}')
    return graph


def strong_components(graph):
    """Tarjan's algorithm, iteratively: the sets of units that reach each other."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(component)
    return sorted(result, key=lambda c: sorted(c))


def cycle_in(graph, component):
    """One shortest-looking cycle through the component's first unit (breadth-first)."""
    start = min(component)
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [start]
            if child in component and child not in previous:
                previous[child] = node
                queue.append(child)
    return [start]


def read_known(path):
    """A known-cycles file: one cycle a line, its units separated by spaces."""
    known = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].split()
            if line:
                known.append(set(line))
    return known


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--include-dir', action='append', default=[],
                        help='a folder the compiler searches for quoted includes')
    parser.add_argument('--known', metavar='FILE',
                        help='cycles that exist today and may only shrink, one a line')
    parser.add_argument('roots', nargs='+', help='folders whose .c and .h files are checked')
    args = parser.parse_args()

    for root in args.roots:
        if not os.path.isdir(root):
            print(f'{root}: not a folder', file=sys.stderr)
            return 2
    files = collect(args.roots)
    graph = build_graph(files, [os.path.normpath(d) for d in args.include_dir])
    edges = sum(len(targets) for targets in graph.values())
    known = read_known(args.known) if args.known else []
    roots = ' '.join(args.roots)
    failed = False
    for component in strong_components(graph):
        allowed = any(component <= k for k in known)
        label = 'known include cycle (not new)' if allowed else 'include cycle'
        print(f'{label} between {len(component)} units: {" ".join(sorted(component))}')
        cycle = cycle_in(graph, component)
        for a, b in zip(cycle, cycle[1:]):
            print(f'  {a} -> {b}: {graph[a][b]}')
        failed = failed or not allowed
    summary = f'{len(files)} files, {edges} edges between {len(graph)} units checked'
    if failed:
        print(f'{roots}: include cycles found; {summary}')
        return 1
    print(f'{roots}: no {"new " if known else ""}include cycle; {summary}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
