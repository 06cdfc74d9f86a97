"""Put the supplementary catalogs back into the project catalogs after `makemessages`.

Why: Django reads only ``<locale>/LC_MESSAGES/django.po`` (compiled to ``.mo``) from each
locale path, and ``makemessages`` rewrites that file from the project's own sources, dropping
every msgid it did not find there. Two kinds of strings live outside the project's sources:

* django-viewflow's UI (menus, buttons, workflow pages): viewflow 2.4 ships zh_Hans with no
  string translated. Our Chinese is kept in ``locale/viewflow.zh_Hans.po``.
* role group names, shown with ``{% trans group.name %}`` (the group names are the role codes,
  e.g. ``case_worker``): ``locale/roles.zh_Hans.po`` and ``locale/roles.en.po``.

Every file ``locale/<name>.<locale>.po`` is merged into ``locale/<locale>/LC_MESSAGES/django.po``
with ``msgcat --use-first``, the project catalog first: a msgid the project translates itself
keeps the project's translation; one the project has untranslated takes the supplement's.
The files sit directly in ``locale/`` (not in a sub-directory) so that ``makemessages --all``
and ``compilemessages`` do not mistake them for a locale.

Run from the project root after ``makemessages``, then compile::

    .venv/bin/python manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=tests --ignore=staticfiles
    .venv/bin/python locale/merge_viewflow.py
    .venv/bin/python manage.py compilemessages --ignore=.venv

Running it twice changes nothing. ``--check`` only reports, and exits 1 when a Chinese entry is
untranslated or fuzzy (fuzzy entries are left out of the ``.mo`` and show in English).
Needs GNU gettext (msgcat, msgattrib), as ``makemessages`` does.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent
SUPPLEMENT = re.compile(r"^(?P<name>[\w-]+)\.(?P<locale>[A-Za-z]{2,3}(?:_[A-Za-z]+)?)\.po$")
# Locales whose catalog must translate everything (en falls back to the English msgid).
MUST_TRANSLATE = {"zh_Hans"}


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603 - our own gettext tool calls


def supplements():
    found = {}
    for path in sorted(LOCALE_DIR.glob("*.po")):
        match = SUPPLEMENT.match(path.name)
        if match:
            found.setdefault(match["locale"], []).append(path)
    return found


def merge(catalog, extra_files):
    keys = set()
    for path in extra_files:
        keys |= set(entries(path))
    with tempfile.TemporaryDirectory() as tmp:
        # makemessages keeps msgids it no longer finds as obsolete "#~" entries; msgcat would
        # keep a supplement's entry obsolete too, so drop those obsolete twins first.
        active = Path(tmp) / "active.po"
        active.write_text(drop_obsolete(catalog.read_text(encoding="utf-8"), keys), "utf-8")
        merged = Path(tmp) / "django.po"
        run("msgcat", "--use-first", "-o", str(merged), str(active), *map(str, extra_files))
        if merged.read_bytes() != catalog.read_bytes():
            shutil.copyfile(merged, catalog)
            return True
    return False


def drop_obsolete(text, keys):
    """The PO text without the obsolete entries whose msgid is in keys."""
    blocks = text.split("\n\n")
    kept = []
    for block in blocks:
        lines = block.splitlines()
        if any(line.startswith("#~ msgid ") for line in lines) and not any(
            line.startswith(("msgid ", "msgctxt ")) for line in lines
        ):
            plain = "\n".join(line[3:] for line in lines if line.startswith("#~ "))
            if set(parse_keys(plain)) & keys:
                continue
        kept.append(block)
    return "\n\n".join(kept)


def entries(catalog, *flags):
    """Keys ("context|msgid" or "msgid") of the entries msgattrib selects with flags."""
    out = run("msgattrib", *flags, "--no-obsolete", "--no-wrap", "--no-location", str(catalog))
    return parse_keys(out)


def parse_keys(text):
    found = []
    for block in text.split("\n\n"):
        parts, key = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid) "(.*)"$', line)
            if match:
                key = match[1]
                parts[key] = match[2]
            elif line.startswith('"') and key:
                parts[key] += line[1:-1]
            else:
                key = None
        if parts.get("msgid"):
            msgid = " ".join(parts["msgid"].replace("\\n", " ").split())
            found.append(f"{parts['msgctxt']}|{msgid}" if "msgctxt" in parts else msgid)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 on gaps")
    options = parser.parse_args()
    for tool in ("msgcat", "msgattrib"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: install GNU gettext (apt-get install gettext)")

    problems = 0
    for locale, extra_files in sorted(supplements().items()):
        catalog = LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"
        if not catalog.exists():
            print(f"{catalog.relative_to(LOCALE_DIR.parent)}: missing, run makemessages first")
            problems += 1
            continue
        names = ", ".join(path.name for path in extra_files)
        if options.check:
            missing = set(entries(extra_files[0], "--no-fuzzy"))
            for path in extra_files[1:]:
                missing |= set(entries(path, "--no-fuzzy"))
            missing -= set(entries(catalog, "--translated", "--no-fuzzy"))
            if missing:
                print(
                    f"{catalog.relative_to(LOCALE_DIR.parent)}: lacks {len(missing)} entries "
                    f"of {names}: run this script without --check"
                )
                problems += 1
        else:
            changed = merge(catalog, extra_files)
            print(
                f"{catalog.relative_to(LOCALE_DIR.parent)}: "
                f"{'merged' if changed else 'already has'} {names}"
            )
        fuzzy = entries(catalog, "--only-fuzzy")
        untranslated = entries(catalog, "--untranslated") if locale in MUST_TRANSLATE else []
        for label, ids in (("fuzzy", fuzzy), ("untranslated", untranslated)):
            if ids:
                problems += 1
                print(f"  {len(ids)} {label}:")
                for msgid in ids:
                    print(f"    {msgid}")
    if options.check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
