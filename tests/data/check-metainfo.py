#!/usr/bin/env python3
"""What appstreamcli cannot know: the built metainfo matches this build.

The ID, launchable and icon follow the app ID (so .Devel differs), the binary
is provided, the developer is given the AppStream 1.0 way, the newest release
is the version being built, and every screenshot it shows is captioned and is
one we ship in data/screenshots/.

usage: check-metainfo.py METAINFO APP_ID VERSION SOURCE_ROOT
"""
import os
import sys
import xml.etree.ElementTree as ET

path, app_id, version, root = sys.argv[1:5]
c = ET.parse(path).getroot()
problems = []

def text(xpath):
    e = c.find(xpath)
    return e.text.strip() if e is not None and e.text else None

if text('id') != app_id:
    problems.append(f'id {text("id")!r} is not {app_id!r}')
if text("launchable[@type='desktop-id']") != app_id + '.desktop':
    problems.append('launchable is not the desktop file')
if text('provides/binary') != 'customer-portal':
    problems.append('does not provide the customer-portal binary')
# The developer as AppStream 1.0 has it; <developer_name> is deprecated.
dev = c.find('developer')
if dev is None or not dev.get('id') or not (dev.findtext('name') or '').strip():
    problems.append('no <developer id="..."><name>...</name></developer>')
if c.find('developer_name') is not None:
    problems.append('<developer_name> is deprecated: use <developer>')
# No placeholder links: a URL, when there is one, is https.
for u in c.findall('url'):
    if not (u.text or '').strip().startswith('https://'):
        problems.append(f"{u.get('type')} url is not https")
if c.find('content_rating') is None:
    problems.append('no OARS content rating')
releases = c.findall('releases/release')
if not releases or releases[0].get('version') != version:
    problems.append(f'the newest release is not {version}: add it to <releases>')
shots = c.findall('screenshots/screenshot/image')
if not shots:
    problems.append('no screenshots')
for shot in c.findall('screenshots/screenshot'):
    if not [e for e in shot.findall('caption') if (e.text or '').strip()]:
        problems.append('a screenshot has no caption')
for img in shots:
    name = img.text.strip().rsplit('/', 1)[-1]
    if not os.path.isfile(os.path.join(root, 'data', 'screenshots', name)):
        problems.append(f'screenshot {name} is not in data/screenshots/')

# Every language in po/LINGUAS made it into the merged file.
linguas = [w for line in open(os.path.join(root, 'po', 'LINGUAS'))
           if not line.lstrip().startswith('#') for w in line.split()]
for lang in linguas:
    names = [e for e in c.findall('name')
             if e.get('{http://www.w3.org/XML/1998/namespace}lang') == lang]
    if not names:
        problems.append(f'no <name xml:lang="{lang}">: the {lang} translation was not merged')

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
