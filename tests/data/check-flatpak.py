#!/usr/bin/env python3
"""Checks the Flatpak manifest offline, as far as that can go without a runtime.

flatpak-builder --show-manifest, with warnings fatal, catches syntax errors
and unknown keys; then the sandbox policy: only the permissions the app needs
(network, a display, the GPU), no home or host files, no direct keyring access
(the secret portal does that), every downloaded source pinned by sha256, the
client only (-Dserver=false -Dtests=false), and the release manifest building
a pinned git commit where the .Devel one builds this checkout.

usage: check-flatpak.py FLATPAK_BUILDER MANIFEST APP_ID
"""
import json
import os
import subprocess
import sys
import tempfile

builder, manifest, app_id = sys.argv[1:4]
env = dict(os.environ, G_DEBUG='fatal-warnings')
# flatpak-builder leaves its .flatpak-builder/ state folder where it runs.
with tempfile.TemporaryDirectory() as scratch:
    run = subprocess.run([builder, '--show-manifest', os.path.abspath(manifest)], env=env,
                         capture_output=True, text=True, cwd=scratch)
sys.stderr.write(run.stderr)
if run.returncode != 0:
    sys.exit(f'flatpak-builder --show-manifest failed ({run.returncode})')
m = json.loads(run.stdout)

problems = []
if m.get('id', m.get('app-id')) != app_id:
    problems.append(f"id is {m.get('id')!r}, not {app_id!r}")
if m.get('command') != 'customer-portal':
    problems.append('command is not customer-portal')
if not str(m.get('runtime', '')).startswith('org.gnome.Platform'):
    problems.append('runtime is not the GNOME runtime')

allowed = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
           '--device=dri'}
args = m.get('finish-args', [])
for a in args:
    if a not in allowed:
        problems.append(f'finish-arg {a} is more than the app needs')
for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11'):
    if needed not in args:
        problems.append(f'finish-arg {needed} is missing')

names = []
def walk(modules):
    for mod in modules:
        if isinstance(mod, str):
            continue
        names.append(mod.get('name'))
        for src in mod.get('sources', []):
            if isinstance(src, dict) and src.get('type') in ('archive', 'file') and 'url' in src:
                if len(src.get('sha256', '')) != 64:
                    problems.append(f"{mod.get('name')}: {src['url']} is not pinned by sha256")
                if not src['url'].startswith('https://'):
                    problems.append(f"{src['url']} is not https")
        walk(mod.get('modules', []))
walk(m.get('modules', []))
# The client needs nothing the GNOME runtime lacks: it wipes tokens and card
# digits with explicit_bzero() (glibc), not libsodium, which only the
# reference server (not in the Flatpak) links.
if 'libsodium' in names:
    problems.append('a libsodium module: the client does not link libsodium')
if not names or names[-1] != 'customer-portal':
    problems.append('the last module is not customer-portal')

# A .Devel manifest builds the development profile, the release one does not.
app_module = next((mod for mod in m.get('modules', [])
                   if isinstance(mod, dict) and mod.get('name') == 'customer-portal'), {})
opts = app_module.get('config-opts', [])
devel = '-Ddevelopment=true' in opts
if devel != app_id.endswith('.Devel'):
    problems.append('-Ddevelopment=true must be set exactly when the ID ends in .Devel')
# The desktop app is the client only: no reference server, no tests.
for opt in ('-Dserver=false', '-Dtests=false'):
    if opt not in opts:
        problems.append(f'the customer-portal module does not pass {opt}')

# Flathub builds a pinned commit of the published repository; the .Devel
# manifest builds this checkout as it is.
sources = [src for src in app_module.get('sources', []) if isinstance(src, dict)]
if devel:
    if [src.get('type') for src in sources] != ['dir']:
        problems.append('the .Devel manifest does not build this checkout (one type: dir source)')
else:
    git = [src for src in sources if src.get('type') == 'git']
    if len(sources) != 1 or len(git) != 1:
        problems.append('the release manifest does not build one git source')
    else:
        src = git[0]
        commit = src.get('commit', '')
        if not src.get('url', '').startswith('https://'):
            problems.append('the git source is not https')
        if not (len(commit) == 40 and all(ch in '0123456789abcdef' for ch in commit)) \
           and not src.get('tag'):
            problems.append('the git source is pinned by neither a commit nor a tag')

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
