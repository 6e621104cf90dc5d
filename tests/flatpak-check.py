#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest offline (no runtime can be downloaded in CI).

Usage: flatpak-check.py MANIFEST BUILDDIR APP_ID GUI_BINARY [FLATPAK_BUILDER]

- MANIFEST is valid JSON;
- FLATPAK_BUILDER (when given) accepts it: G_DEBUG=fatal-warnings
  flatpak-builder --show-manifest fails on unknown keys and source types;
- the app id is APP_ID (the default profile's) and the command the installed
  GUI binary GUI_BINARY;
- GNOME runtime and SDK of one version;
- finish-args are exactly ipc, wayland, fallback-x11 and dri: files come through
  the portal, so no --filesystem;
- the last module is the app, built with meson from the project folder, and each of
  its config-opts sets an option meson knows for this project (meson_options.txt or
  a built-in, from BUILDDIR/meson-info/intro-buildoptions.json) to a valid value;
  -Dprofile, if given, matches the app id;
- json-glib is not built: it comes from the runtime."""
import json
import os
import subprocess
import sys

FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']

problems = []


def fail(message):
    problems.append(message)


def check_options(config_opts, buildoptions, app_id):
    known = {o['name']: o for o in buildoptions}
    user = sorted(o['name'] for o in buildoptions if o['section'] == 'user')
    for opt in config_opts:
        if opt.startswith('-D'):
            name, sep, value = opt[2:].partition('=')
        elif opt.startswith('--'):
            name, sep, value = opt[2:].partition('=')
            name = name.replace('-', '_')
        else:
            fail('config-opts: "%s" is not a -Dname=value or --name=value option' % opt)
            continue
        if not sep:
            fail('config-opts: "%s" has no value' % opt)
            continue
        if name in ('prefix', 'libdir'):
            fail('config-opts: flatpak-builder sets --%s itself' % name)
            continue
        o = known.get(name)
        if o is None:
            fail('config-opts: "%s" is not an option of meson_options.txt (%s) nor a meson built-in'
                 % (name, ', '.join(user)))
            continue
        kind = o['type']
        if kind == 'combo' and value not in o.get('choices', []):
            fail('config-opts: %s=%s is not one of %s' % (name, value, ', '.join(o['choices'])))
        elif kind == 'boolean' and value not in ('true', 'false'):
            fail('config-opts: %s takes true or false, not %s' % (name, value))
        elif kind == 'integer' and not value.lstrip('-').isdigit():
            fail('config-opts: %s takes an integer, not %s' % (name, value))
        if name == 'profile':
            devel = app_id.endswith('.Devel')
            if (value == 'development') != devel:
                fail('config-opts: -Dprofile=%s does not build the app id %s' % (value, app_id))


def main():
    manifest_path, builddir, app_id, gui_binary = sys.argv[1:5]
    flatpak_builder = sys.argv[5] if len(sys.argv) > 5 else ''

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('FAIL: %s is not valid JSON: %s' % (manifest_path, e))
        return 1
    print('ok: valid JSON')

    if flatpak_builder:
        env = dict(os.environ, G_DEBUG='fatal-warnings')
        run = subprocess.run([flatpak_builder, '--show-manifest', manifest_path], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            fail('flatpak-builder --show-manifest rejects it (status %d): %s'
                 % (run.returncode, run.stderr.strip()))
        else:
            print('ok: flatpak-builder --show-manifest')

    mid = manifest.get('id', manifest.get('app-id'))
    if mid != app_id:
        fail('the app id is %r, not %r' % (mid, app_id))
    if manifest.get('command') != gui_binary:
        fail('the command is %r, not the GUI binary %r' % (manifest.get('command'), gui_binary))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        fail('runtime and SDK must be org.gnome.Platform and org.gnome.Sdk')
    if not isinstance(manifest.get('runtime-version'), str) or not manifest['runtime-version']:
        fail('runtime-version must be set, e.g. "47"')

    finish_args = manifest.get('finish-args', [])
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(finish_args) != len(FINISH_ARGS):
        fail('finish-args must be exactly %s, not %s' % (' '.join(FINISH_ARGS), ' '.join(finish_args)))

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        fail('no app module')
        modules = [{}]
    for m in modules:
        name = m.get('name', '') if isinstance(m, dict) else str(m)
        if 'json-glib' in name:
            fail('module %s: json-glib comes from the GNOME runtime' % name)
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        fail('the app module is built with %r, not meson' % app.get('buildsystem'))
    sources = app.get('sources', [])
    if not any(s.get('type') == 'dir' and
               os.path.realpath(os.path.join(os.path.dirname(manifest_path), s.get('path', ''))) ==
               os.path.realpath(os.path.join(os.path.dirname(manifest_path), '..'))
               for s in sources if isinstance(s, dict)):
        fail('the app module does not build the project folder ("type": "dir", "path": "..")')

    intro = os.path.join(builddir, 'meson-info', 'intro-buildoptions.json')
    with open(intro, encoding='utf-8') as f:
        buildoptions = json.load(f)
    check_options(app.get('config-opts', []), buildoptions, mid or '')

    for p in problems:
        print('FAIL:', p)
    if not problems:
        print('ok: %s runs %s with %s; module %s, meson options %s'
              % (mid, gui_binary, ' '.join(finish_args), app.get('name'),
                 ' '.join(app.get('config-opts', []))))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
