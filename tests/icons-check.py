#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the app icons follow the GNOME icon conventions and read at every size.

Usage: icons-check.py ICONS_DIR APP_ID [ICON_RENDER [OUT_DIR]]

- hicolor/scalable/apps/APP_ID.svg: a 128×128 canvas; its card (the first two
  shapes: its side and its face) inside the GNOME icon grid's landscape
  rectangle and its edge, 8…120 × 12…116;
- hicolor/16x16/apps and hicolor/24x24/apps/APP_ID.svg: the same icon simplified
  on a 16×16 and a 24×24 pixel grid (GTK picks them at those sizes);
- in each of those three, every shape lies inside the card, strokes included:
  nothing breaks out of it;
- hicolor/symbolic/apps/APP_ID-symbolic.svg: a 16×16 canvas of filled shapes in
  one colour (GTK recolours fills only: no strokes, gradients or opacity tricks);
- all: well-formed SVG, drawn with shapes only (no text, which depends on fonts,
  no embedded or linked images, no scripts).
With ICON_RENDER (tests/icon-render.c, gdk-pixbuf and librsvg as the desktop
renders icons), each is rendered: the scalable icon at 16, 24, 32, 64 and 128 px,
the small ones at their size, the symbolic one at 16. Every rendering draws
something substantial inside the grid, and the icon GTK shows at 16 and 24 px
is crisp: few distinct colours (anti-aliased blur between shapes makes many;
the old icon had 66 at 16 px). With OUT_DIR the PNGs are saved there to look at."""
import os
import re
import subprocess
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

GRID = (8, 12, 120, 116)           # the landscape rectangle of the 128 px grid, with its edge
SIZES = (16, 24, 32, 64, 128)
MAX_COLOURS = {16: 32, 24: 40}     # at the sizes with their own icon


def number(element, name, default=0.0):
    try:
        return float(re.sub(r'px$', '', element.get(name, str(default))))
    except ValueError:
        return default


def shape_bounds(element):
    """x0, y0, x1, y1 of a shape, its stroke included, or None."""
    tag = local(element.tag)
    if tag == 'rect':
        x, y = number(element, 'x'), number(element, 'y')
        box = [x, y, x + number(element, 'width'), y + number(element, 'height')]
    elif tag in ('circle', 'ellipse'):
        cx, cy = number(element, 'cx'), number(element, 'cy')
        rx = number(element, 'r') if tag == 'circle' else number(element, 'rx')
        ry = number(element, 'r') if tag == 'circle' else number(element, 'ry')
        box = [cx - rx, cy - ry, cx + rx, cy + ry]
    elif tag == 'path':
        d = element.get('d', '')
        if re.search(r'[a-df-z]', d.replace('e-', '')):
            problems.append('a path uses relative or arc commands; write M L H V C Z only: %s' % d)
            return None
        xs, ys = [], []
        x = y = 0.0
        for cmd, args in re.findall(r'([MLHVCZ])([^MLHVCZ]*)', d):
            values = [float(v) for v in re.findall(r'-?[0-9.]+(?:e-?[0-9]+)?', args)]
            if cmd == 'H':
                for x in values:
                    xs.append(x); ys.append(y)
            elif cmd == 'V':
                for y in values:
                    xs.append(x); ys.append(y)
            elif cmd in 'MLC':
                for i in range(0, len(values) - 1, 2):
                    x, y = values[i], values[i + 1]
                    xs.append(x); ys.append(y)
        if not xs:
            return None
        box = [min(xs), min(ys), max(xs), max(ys)]
    else:
        return None
    props = style_props(element)
    if props.get('stroke') not in (None, 'none'):
        half = number(element, 'stroke-width', 1.0) / 2
        box = [box[0] - half, box[1] - half, box[2] + half, box[3] + half]
    return box


def check_card(root, name, size, grid=None):
    """The first two shapes are the card; every other shape lies inside it."""
    shapes = [e for e in root.iter() if local(e.tag) in SHAPES]
    boxes = [(e, shape_bounds(e)) for e in shapes]
    if len(boxes) < 3 or boxes[0][1] is None or boxes[1][1] is None:
        problems.append('%s: does not start with its card (two shapes: side and face)' % name)
        return
    card = [min(boxes[0][1][0], boxes[1][1][0]), min(boxes[0][1][1], boxes[1][1][1]),
            max(boxes[0][1][2], boxes[1][1][2]), max(boxes[0][1][3], boxes[1][1][3])]
    if not (0 <= card[0] and 0 <= card[1] and card[2] <= size and card[3] <= size):
        problems.append('%s: the card %s is not inside the %d px canvas' % (name, card, size))
    if grid and not (grid[0] <= card[0] and grid[1] <= card[1] and card[2] <= grid[2] and card[3] <= grid[3]):
        problems.append('%s: the card %g…%g × %g…%g is not inside the icon grid %g…%g × %g…%g'
                        % ((name,) + tuple(card[i] for i in (0, 2, 1, 3)) + tuple(grid[i] for i in (0, 2, 1, 3))))
    eps = 0.01
    for element, box in boxes[2:]:
        if box is None:
            continue
        if box[0] < card[0] - eps or box[1] < card[1] - eps or box[2] > card[2] + eps or box[3] > card[3] + eps:
            problems.append('%s: a <%s> (%s) breaks out of the card (%g…%g × %g…%g)'
                            % (name, local(element.tag), ', '.join('%g' % v for v in box),
                               card[0], card[2], card[1], card[3]))


def render(renderer, path, sizes, out_dir):
    """{size: (x0, y0, x1, y1, coverage, colours)}, or None when it cannot render SVG."""
    args = [renderer] + (['--out', out_dir] if out_dir else []) + [path] + [str(s) for s in sizes]
    run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode == 77:
        return None
    if run.returncode != 0:
        problems.append('%s does not render: %s' % (os.path.basename(path), run.stderr.strip()))
        return {}
    result = {}
    for line in run.stdout.splitlines():
        f = line.split()
        result[int(f[0])] = (int(f[1]), int(f[2]), int(f[3]), int(f[4]), float(f[5]), int(f[6]))
    return result


def check_renderings(renderer, out_dir, scalable, small, symbolic):
    name = os.path.basename(scalable)
    shown = {}
    rendered = render(renderer, scalable, SIZES, out_dir)
    if rendered is None:
        print('note: gdk-pixbuf has no SVG loader; the icons are not rendered')
        return
    for size, (x0, y0, x1, y1, coverage, colours) in sorted(rendered.items()):
        k = size / 128.0
        if x0 < GRID[0] * k - 1 or y0 < GRID[1] * k - 1 or x1 > GRID[2] * k or y1 > GRID[3] * k:
            problems.append('%s at %d px draws %d…%d × %d…%d, outside the grid' % (name, size, x0, x1, y0, y1))
        if coverage < 0.3:
            problems.append('%s at %d px covers only %.0f%% of its square' % (name, size, 100 * coverage))
        shown[size] = (name, colours)
    for size, path in small.items():
        one = render(renderer, path, [size], os.path.join(out_dir, '%dx%d' % (size, size)) if out_dir else '') or {}
        for _, (x0, y0, x1, y1, coverage, colours) in one.items():
            if coverage < 0.3:
                problems.append('%s covers only %.0f%% of its square' % (path, 100 * coverage))
            shown[size] = ('%dx%d/%s' % (size, size, os.path.basename(path)), colours)
    for size, limit in MAX_COLOURS.items():
        label, colours = shown.get(size, (name, 0))
        if colours > limit:
            problems.append('at %d px GTK shows %s, blurred into %d colours (at most %d): '
                            'draw it on its pixel grid' % (size, label, colours, limit))
    sym = render(renderer, symbolic, [16], out_dir) or {}
    for _, (x0, y0, x1, y1, coverage, colours) in sym.items():
        if coverage < 0.2:
            problems.append('%s at 16 px covers only %.0f%%' % (os.path.basename(symbolic), 100 * coverage))
    print('ok: rendered at %s px; at 16 and 24 px GTK shows %s' % (
        ', '.join(str(s) for s in SIZES),
        ' and '.join('%s (%d colours)' % shown[s] for s in (16, 24) if s in shown)))


def main():
    icons, app_id = sys.argv[1:3]
    renderer = sys.argv[3] if len(sys.argv) > 3 else ''
    out_dir = sys.argv[4] if len(sys.argv) > 4 else ''
    scalable = os.path.join(icons, 'hicolor', 'scalable', 'apps', app_id + '.svg')
    symbolic = os.path.join(icons, 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg')
    small = {size: os.path.join(icons, 'hicolor', '%dx%d' % (size, size), 'apps', app_id + '.svg')
             for size in (16, 24)}
    root = load(scalable, 128)
    if root is not None:
        check_card(root, os.path.basename(scalable), 128, GRID)
    for size, path in small.items():
        root = load(path, size)
        if root is not None:
            check_card(root, '%dx%d/%s' % (size, size, os.path.basename(path)), size)
    root = load(symbolic, 16)
    colours = check_symbolic(root, os.path.basename(symbolic)) if root is not None else set()
    if renderer and not problems:
        check_renderings(renderer, out_dir, scalable, small, symbolic)
    for p in problems:
        print('FAIL:', p)
    if not problems:
        print('ok: %s is 128×128 with its card in the grid, and 16×16 and 24×24 versions; '
              '%s is 16×16 in %s' % (os.path.basename(scalable), os.path.basename(symbolic),
                                     ', '.join(colours)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
