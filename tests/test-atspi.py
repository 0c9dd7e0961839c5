#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Clicks through the app as a person would, through the accessibility
tree (AT-SPI) and real pointer clicks (XTest): an empty library, the sample
reports, an agency, its table.  Prints TAP.

usage: test-atspi.py GONGKAI-EXECUTABLE SEEDS-DIR SCHEMA-DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time


def skip(reason):
    print("1..0 # SKIP " + reason)
    sys.exit(0)


if not os.environ.get("DISPLAY"):
    skip("no display")
if shutil.which("xdotool") is None:
    skip("xdotool is not installed")
try:
    import pyatspi
except ImportError:
    skip("pyatspi is not installed")

executable, seeds, schemas = sys.argv[1:4]
results = []


def check(ok, what):
    results.append((bool(ok), what))
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), what), flush=True)
    return ok


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name and "gongkai" in app.name.lower():
            return app
    return None


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.3)
    return None


def find_named(app, text, role=None, exact=True):
    for node in walk(app):
        try:
            name = node.name or ""
            if (name == text if exact else text in name) and (role is None or node.getRole() == role):
                return node
        except Exception:
            continue
    return None


def click(node):
    """A real pointer click in the middle of an accessible's extents."""
    extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)


home = tempfile.mkdtemp(prefix="gongkai-atspi-")
env = dict(os.environ)
env.update({
    "XDG_DATA_HOME": os.path.join(home, "data"),
    "XDG_CONFIG_HOME": os.path.join(home, "config"),
    "GSETTINGS_BACKEND": "memory",
    "GSETTINGS_SCHEMA_DIR": schemas,
    "GK_SAMPLES_DIR": seeds,
    "LC_ALL": "C.UTF-8",
})
env.pop("GTK_A11Y", None)
app_process = subprocess.Popen([executable], env=env)

try:
    app = wait_for(find_app)
    if not check(app is not None, "the app appears on the accessibility bus"):
        raise SystemExit

    # GTK 4.8 names a button by its label twice, mnemonic and all
    # ("_Try the Sample Reports Try the Sample Reports").
    button = wait_for(lambda: find_named(app, "Try the Sample Reports", pyatspi.ROLE_PUSH_BUTTON, exact=False))
    if check(button is not None, "an empty library offers the sample reports"):
        button.queryAction().doAction(0)

    agency = wait_for(lambda: find_named(app, "北京市门头沟区政府", pyatspi.ROLE_LABEL))
    check(agency is not None, "the sample reports are imported and 门头沟 is listed")
    for name in ["北京市大兴区人民政府政府办公室", "西工区金谷园街道办事处", "北京市密云区科学技术委员会",
                 "北京市怀柔区人民政府办公室"]:
        check(find_named(app, name, pyatspi.ROLE_LABEL) is not None, "%s is listed" % name)

    if agency is not None:
        time.sleep(0.5)
        click(agency)
        def table3_new_total():
            # The cell of 本年新收 / 总计: its own text, or its accessible
            # label naming the row and column.
            for node in walk(app):
                try:
                    name = node.name or ""
                except Exception:
                    continue
                if name == "216" or ("216" in name and "本年新收" in name):
                    return node
            return None

        cell = wait_for(table3_new_total)
        check(cell is not None, "clicking 门头沟 shows its report with 216 in table 3")
finally:
    app_process.terminate()
    try:
        app_process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app_process.kill()
    shutil.rmtree(home, ignore_errors=True)

print("1..%d" % len(results))
sys.exit(0 if results and all(ok for ok, _ in results) else 1)
