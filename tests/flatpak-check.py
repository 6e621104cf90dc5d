#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifests offline (no runtime can be downloaded in CI).

Usage: flatpak-check.py MANIFEST LOCAL_MANIFEST BUILDDIR APP_ID GUI_BINARY [FLATPAK_BUILDER]

MANIFEST builds a release from its upstream source; LOCAL_MANIFEST builds this
checkout, for testing. For each:
- valid JSON; FLATPAK_BUILDER (when given) accepts it: G_DEBUG=fatal-warnings
  flatpak-builder --show-manifest fails on unknown keys and source types;
- the app id is APP_ID (the default profile's) and the command the installed
  GUI binary GUI_BINARY;
- GNOME runtime and SDK of one version, not one that has reached its end of life
  (EOL_RUNTIMES below; a note says when the chosen one is expected to);
- finish-args are exactly ipc, network, wayland, fallback-x11 and dri: files
  come through the portal, so no --filesystem (README.md says how
  influencer-report, which has no portal, is given a folder); network is for
  the PostgreSQL source (without it the sandbox reaches no server, not even
  one on localhost);
- the last module is the app, built with meson, and each of its config-opts sets
  an option meson knows for this project (meson_options.txt or a built-in, from
  BUILDDIR/meson-info/intro-buildoptions.json) to a valid value; -Dprofile, if
  given, matches the app id;
- json-glib is not built: it comes from the runtime; libpq is (the GNOME
  runtime has none and meson requires it), pinned: an https archive with its
  sha256 (and https mirrors only) or an https git source with its full commit.
MANIFEST's app sources are pinned: a git source with an https url, a tag and the
full commit (checked against this repository when it is a git checkout holding
them: the commit exists, the tag, if present here, points at it, and its
meson_options.txt knows the config-opts), or an archive with an https url and a
sha256. LOCAL_MANIFEST builds the project folder ("type": "dir", "path": "..").
Apart from the app module's sources the two manifests are identical, so the
tested build is the released one."""
import copy
import datetime
import json
import os
import re
import subprocess
import sys

FINISH_ARGS = ['--share=ipc', '--share=network', '--socket=wayland', '--socket=fallback-x11', '--device=dri']

# GNOME runtimes on Flathub live about a year: version N is marked end-of-life
# when N+2 is released (GNOME releases every March and September). 47 and
# older were EOL by 2025-09 (49's release); 48 by 2026-03 (50); 49 by 2026-09
# (51). Add a version here when it is retired.
EOL_RUNTIMES = {'3.38', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49'}
# GNOME 48 was released in March 2025; one every six months since.
FIRST_KNOWN = (48, datetime.date(2025, 3, 19))

problems = []


def fail(message):
    problems.append(message)


def expected_eol(version):
    """The month GNOME version's runtime is expected to reach its end of life
    (the release of version + 2), from the six-month cadence."""
    if not version.isdigit():
        return None
    months = (int(version) + 2 - FIRST_KNOWN[0]) * 6
    year = FIRST_KNOWN[1].year + (FIRST_KNOWN[1].month - 1 + months) // 12
    month = (FIRST_KNOWN[1].month - 1 + months) % 12 + 1
    return datetime.date(year, month, 1)


def check_options(where, config_opts, buildoptions, app_id):
    known = {o['name']: o for o in buildoptions}
    user = sorted(o['name'] for o in buildoptions if o['section'] == 'user')
    for opt in config_opts:
        if opt.startswith('-D'):
            name, sep, value = opt[2:].partition('=')
        elif opt.startswith('--'):
            name, sep, value = opt[2:].partition('=')
            name = name.replace('-', '_')
        else:
            fail('%s: config-opts: "%s" is not a -Dname=value or --name=value option' % (where, opt))
            continue
        if not sep:
            fail('%s: config-opts: "%s" has no value' % (where, opt))
            continue
        if name in ('prefix', 'libdir'):
            fail('%s: config-opts: flatpak-builder sets --%s itself' % (where, name))
            continue
        o = known.get(name)
        if o is None:
            fail('%s: config-opts: "%s" is not an option of meson_options.txt (%s) nor a meson built-in'
                 % (where, name, ', '.join(user)))
            continue
        kind = o['type']
        if kind == 'combo' and value not in o.get('choices', []):
            fail('%s: config-opts: %s=%s is not one of %s' % (where, name, value, ', '.join(o['choices'])))
        elif kind == 'boolean' and value not in ('true', 'false'):
            fail('%s: config-opts: %s takes true or false, not %s' % (where, name, value))
        elif kind == 'integer' and not value.lstrip('-').isdigit():
            fail('%s: config-opts: %s takes an integer, not %s' % (where, name, value))
        if name == 'profile':
            devel = app_id.endswith('.Devel')
            if (value == 'development') != devel:
                fail('%s: config-opts: -Dprofile=%s does not build the app id %s' % (where, value, app_id))


def load(path, flatpak_builder):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail('%s is not valid JSON: %s' % (name, e))
        return None
    if flatpak_builder:
        env = dict(os.environ, G_DEBUG='fatal-warnings')
        run = subprocess.run([flatpak_builder, '--show-manifest', path], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            fail('%s: flatpak-builder --show-manifest rejects it (status %d): %s'
                 % (name, run.returncode, run.stderr.strip()))
        else:
            print('ok: %s: flatpak-builder --show-manifest' % name)
    return manifest


def check_common(name, manifest, app_id, gui_binary, buildoptions):
    """What both manifests must say. Returns the app module."""
    mid = manifest.get('id', manifest.get('app-id'))
    if mid != app_id:
        fail('%s: the app id is %r, not %r' % (name, mid, app_id))
    if manifest.get('command') != gui_binary:
        fail('%s: the command is %r, not the GUI binary %r' % (name, manifest.get('command'), gui_binary))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        fail('%s: runtime and SDK must be org.gnome.Platform and org.gnome.Sdk' % name)
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not version:
        fail('%s: runtime-version must be set, e.g. "51"' % name)
    elif version in EOL_RUNTIMES or version.startswith('3.'):
        fail('%s: GNOME %s has reached its end of life; use a supported runtime' % (name, version))
    elif not version.isdigit():
        fail('%s: runtime-version %r is not a stable GNOME release (e.g. "51"; not master)' % (name, version))
    else:
        eol = expected_eol(version)
        print('note: %s: GNOME %s runtime, expected to reach its end of life around %s'
              % (name, version, eol.strftime('%B %Y')))

    finish_args = manifest.get('finish-args', [])
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(finish_args) != len(FINISH_ARGS):
        fail('%s: finish-args must be exactly %s, not %s'
             % (name, ' '.join(FINISH_ARGS), ' '.join(finish_args)))

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        fail('%s: no app module' % name)
        return {}
    for m in modules:
        mname = m.get('name', '') if isinstance(m, dict) else str(m)
        if 'json-glib' in mname:
            fail('%s: module %s: json-glib comes from the GNOME runtime' % (name, mname))
    check_libpq(name, modules)
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        fail('%s: the app module is built with %r, not meson' % (name, app.get('buildsystem')))
    check_options(name, app.get('config-opts', []), buildoptions, mid or '')
    return app


def check_libpq(name, modules):
    libpq = [m for m in modules[:-1] if isinstance(m, dict) and m.get('name') == 'libpq']
    if not libpq:
        fail('%s: no libpq module before the app: the GNOME runtime has no libpq' % name)
        return
    commands = ' '.join(libpq[0].get('build-commands', []))
    if 'src/interfaces/libpq install' not in commands:
        fail('%s: the libpq module does not install src/interfaces/libpq' % name)
    for s in libpq[0].get('sources', []):
        for url in [s.get('url', '')] + s.get('mirror-urls', []):
            if not url.startswith('https://'):
                fail('%s: libpq source url %r is not https' % (name, url))
        pinned = (s.get('type') == 'archive' and re.fullmatch(r'[0-9a-f]{64}', s.get('sha256', ''))
                  or s.get('type') == 'git' and re.fullmatch(r'[0-9a-f]{40}', s.get('commit', '')))
        if not pinned:
            fail('%s: libpq source is not pinned (an archive needs its sha256, git its full commit)'
                 % name)


def git(source_root, *args):
    try:
        run = subprocess.run(['git', '-C', source_root] + list(args),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def check_release_sources(name, app, source_root, builtins):
    sources = [s for s in app.get('sources', []) if isinstance(s, dict)]
    pinned = 0
    for s in sources:
        kind = s.get('type')
        url = s.get('url', '')
        if kind == 'dir':
            fail('%s: builds a local folder; the release manifest builds the upstream source' % name)
        elif kind == 'git':
            commit = s.get('commit', '')
            if not url.startswith('https://'):
                fail('%s: git source url %r is not https' % (name, url))
            if not s.get('tag'):
                fail('%s: git source has no tag' % name)
            if not re.fullmatch(r'[0-9a-f]{40}', commit):
                fail('%s: git source commit %r is not a full 40-digit commit id' % (name, commit))
                continue
            pinned += 1
            check_commit_here(name, s['tag'], commit, app, source_root, builtins)
        elif kind in ('archive', 'file'):
            if not url.startswith('https://'):
                fail('%s: %s source url %r is not https' % (name, kind, url))
            if not re.fullmatch(r'[0-9a-f]{64}', s.get('sha256', '')):
                fail('%s: %s source %s has no sha256' % (name, kind, url))
            else:
                pinned += 1
        else:
            fail('%s: app source of type %r is not pinned (git with tag and commit, or archive with sha256)'
                 % (name, kind))
    if pinned == 0:
        fail('%s: the app module has no pinned upstream source' % name)


def check_commit_here(name, tag, commit, app, source_root, builtins):
    """When this checkout holds the pinned commit, its options must match."""
    if git(source_root, 'rev-parse', '--git-dir') is None:
        print('note: %s: not a git checkout; commit %s not checked' % (name, commit[:12]))
        return
    if git(source_root, 'cat-file', '-e', commit + '^{commit}') is None:
        fail('%s: commit %s is not in this repository' % (name, commit))
        return
    tagged = git(source_root, 'rev-parse', '--verify', '--quiet', 'refs/tags/%s^{commit}' % tag)
    if tagged is None:
        print('note: %s: tag %s is not in this repository yet; it must be pushed pointing at %s'
              % (name, tag, commit[:12]))
    elif tagged != commit:
        fail('%s: tag %s points at %s here, not at %s' % (name, tag, tagged, commit))
    options = git(source_root, 'show', commit + ':meson_options.txt') or ''
    known = set(re.findall(r"option\(\s*'([^']+)'", options))
    for opt in app.get('config-opts', []):
        if opt.startswith('-D'):
            oname = opt[2:].partition('=')[0]
            if oname not in known and oname not in builtins:
                fail('%s: -D%s is not an option of meson_options.txt at %s' % (name, oname, commit[:12]))
    print('ok: %s: commit %s is in this repository' % (name, commit[:12]))


def check_local_sources(name, app, manifest_path):
    here = os.path.dirname(os.path.abspath(manifest_path))
    if not any(s.get('type') == 'dir' and
               os.path.realpath(os.path.join(here, s.get('path', ''))) ==
               os.path.realpath(os.path.join(here, '..'))
               for s in app.get('sources', []) if isinstance(s, dict)):
        fail('%s: the app module does not build the project folder ("type": "dir", "path": "..")' % name)


def without_app_sources(manifest):
    m = copy.deepcopy(manifest)
    if m.get('modules') and isinstance(m['modules'][-1], dict):
        m['modules'][-1].pop('sources', None)
    return m


def main():
    manifest_path, local_path, builddir, app_id, gui_binary = sys.argv[1:6]
    flatpak_builder = sys.argv[6] if len(sys.argv) > 6 else ''
    source_root = os.path.dirname(os.path.dirname(os.path.abspath(manifest_path)))
    with open(os.path.join(builddir, 'meson-info', 'intro-buildoptions.json'), encoding='utf-8') as f:
        buildoptions = json.load(f)

    release = load(manifest_path, flatpak_builder)
    local = load(local_path, flatpak_builder)
    rname, lname = os.path.basename(manifest_path), os.path.basename(local_path)
    if release is not None:
        app = check_common(rname, release, app_id, gui_binary, buildoptions)
        builtins = {o['name'] for o in buildoptions if o['section'] != 'user'}
        check_release_sources(rname, app, source_root, builtins)
    if local is not None:
        app = check_common(lname, local, app_id, gui_binary, buildoptions)
        check_local_sources(lname, app, local_path)
    if release is not None and local is not None and \
       without_app_sources(release) != without_app_sources(local):
        fail('%s and %s differ in more than the app module\'s sources' % (rname, lname))

    for p in problems:
        print('FAIL:', p)
    if not problems:
        app = release['modules'][-1]
        print('ok: %s on GNOME %s runs %s with %s; module %s (%s), meson options %s'
              % (app_id, release['runtime-version'], gui_binary, ' '.join(release['finish-args']),
                 app.get('name'), ', '.join('%s %s' % (s.get('type'), s.get('tag') or s.get('url'))
                                            for s in app.get('sources', [])),
                 ' '.join(app.get('config-opts', []))))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
