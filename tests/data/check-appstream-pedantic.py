#!/usr/bin/env python3
"""appstreamcli validate --pedantic --no-net, with only the notes we accept.

The application ID has uppercase letters (io.github.customerportal.CustomerPortal,
the form GNOME apps use), which AppStream notes at the pedantic level. AppStream
before 1.0 (Debian 12 ships 0.16) does not know <developer> yet, which replaced
<developer_name> in 1.0: it says so as an info. Any other hint, info, warning or
error fails.

usage: check-appstream-pedantic.py APPSTREAMCLI METAINFO
"""
import re
import subprocess
import sys

appstreamcli, metainfo = sys.argv[1:3]
run = subprocess.run([appstreamcli, 'validate', '--pedantic', '--no-net', metainfo],
                     capture_output=True, text=True)
out = run.stdout + run.stderr
sys.stderr.write(out)

version = subprocess.run([appstreamcli, '--version'], capture_output=True, text=True).stdout
m = re.search(r'(\d+)\.(\d+)', version)
old_appstream = m is not None and int(m.group(1)) < 1

accepted = {'cid-contains-uppercase-letter'}
if old_appstream:
    accepted.add('unknown-tag developer')

problems = []
for line in out.splitlines():
    found = re.match(r'^([EWIP]): [^:]+:(?:\d+:)? (.+?)\s*$', line)
    if found and found.group(2) not in accepted:
        problems.append(f'not accepted: {line}')
if run.returncode != 0:
    problems.append(f'appstreamcli exited with {run.returncode}')

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
