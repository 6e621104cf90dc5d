#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the app icons follow the GNOME icon conventions.

Usage: icons-check.py ICONS_DIR APP_ID

- hicolor/scalable/apps/APP_ID.svg: a 128×128 canvas;
- hicolor/symbolic/apps/APP_ID-symbolic.svg: a 16×16 canvas of filled shapes in
  one colour (GTK recolours fills only: no strokes, gradients or opacity tricks);
- both: well-formed SVG, drawn with shapes only (no text, which depends on fonts,
  no embedded or linked images, no scripts)."""
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
SHAPES = {'path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line'}
problems = []


def local(tag):
    return tag.rsplit('}', 1)[-1]


def style_props(element):
    props = {}
    for part in element.get('style', '').split(';'):
        if ':' in part:
            key, value = part.split(':', 1)
            props[key.strip()] = value.strip()
    for key in ('fill', 'stroke', 'opacity', 'fill-opacity'):
        if element.get(key) is not None:
            props[key] = element.get(key)
    return props


def load(path, size):
    name = os.path.basename(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        problems.append('%s: %s' % (name, e))
        return None
    if root.tag != SVG + 'svg':
        problems.append('%s: not an SVG document' % name)
        return None
    for attr in ('width', 'height'):
        if re.sub(r'px$', '', root.get(attr, '')) != str(size):
            problems.append('%s: %s is %r, not %d' % (name, attr, root.get(attr), size))
    if (root.get('viewBox') or '').split() != ['0', '0', str(size), str(size)]:
        problems.append('%s: viewBox is %r, not "0 0 %d %d"' % (name, root.get('viewBox'), size, size))
    n_shapes = 0
    for element in root.iter():
        tag = local(element.tag)
        if tag in ('text', 'image', 'script', 'foreignObject', 'use'):
            problems.append('%s: has a <%s> element' % (name, tag))
        n_shapes += tag in SHAPES
    if n_shapes == 0:
        problems.append('%s: draws nothing' % name)
    return root


def check_symbolic(root, name):
    colours = set()

    def walk(element, fill):
        props = style_props(element)
        tag = local(element.tag)
        fill = props.get('fill', fill)
        if tag in ('linearGradient', 'radialGradient', 'mask', 'filter', 'clipPath'):
            problems.append('%s: has a <%s> element' % (name, tag))
        stroke = props.get('stroke')
        if stroke not in (None, 'none'):
            problems.append('%s: a <%s> has a stroke; GTK recolours fills only' % (name, tag))
        if tag in SHAPES:
            if fill is None or fill == 'none' or fill.startswith('url('):
                problems.append('%s: a <%s> is not filled with a plain colour' % (name, tag))
            else:
                colours.add(fill.lower())
        for child in element:
            walk(child, fill)

    walk(root, None)
    if len(colours) > 1:
        problems.append('%s: uses %d colours (%s); a symbolic icon has one'
                        % (name, len(colours), ', '.join(sorted(colours))))
    return colours


def main():
    icons, app_id = sys.argv[1:3]
    scalable = os.path.join(icons, 'hicolor', 'scalable', 'apps', app_id + '.svg')
    symbolic = os.path.join(icons, 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg')
    load(scalable, 128)
    root = load(symbolic, 16)
    colours = check_symbolic(root, os.path.basename(symbolic)) if root is not None else set()
    for p in problems:
        print('FAIL:', p)
    if not problems:
        print('ok: %s is 128×128; %s is 16×16 in %s' % (os.path.basename(scalable),
                                                       os.path.basename(symbolic), ', '.join(colours)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
