#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Drive Debian's chromium over the DevTools protocol (--remote-debugging-pipe: JSON messages
ending in NUL on file descriptors 3 and 4, no network, no library) to look at a report.

report_browser.py CHROMIUM REPORT_DIR SOURCE_PAGE SCREENSHOT
  - index.html, files.html and SOURCE_PAGE load with no console error or exception;
  - clicking the Lines heading of files.html sorts its rows by line coverage, a second click
    the other way;
  - pressing n on SOURCE_PAGE moves to its first uncovered line or surviving mutant, again to
    the next;
  - on SOURCE_PAGE each line shows its number (the stylesheet's counter, read from the layout) as
    its id says; unticking "covered" in the toolbar (the script's) hides the covered lines and
    renumbers none; a click on a number sets #L<n>; a branch not taken shows red, in light and
    dark; covered lines, which come with no class, are given theirs, and are shaded as covered
    with the script off too, when no toolbar is shown;
  - tests.html shows the hostile test name as text and opens no dialog;
  - a screenshot of SOURCE_PAGE is written and is not blank.
Prints one line per check; exit 0 when all hold, 1 otherwise, 77 when chromium cannot start."""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib


class Browser:
    def __init__(self, exe, profile):
        r1, self.w = os.pipe()   # chromium reads commands from its fd 3
        self.r, w2 = os.pipe()   # and writes answers and events on its fd 4
        # the shell puts the pipes where chromium looks for them, whatever numbers they have here
        self.proc = subprocess.Popen(
            ["sh", "-c", 'exec "$0" "$@" 3<&%d 4>&%d' % (r1, w2), exe, "--headless",
             "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
             "--remote-debugging-pipe", "--window-size=1280,1000", "about:blank"],
            pass_fds=(r1, w2), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(r1)
        os.close(w2)
        self.buf, self.next_id, self.events = b"", 0, []

    def close(self):
        """Chromium and every process it started (renderers, the zygote): its own session's group."""
        import signal
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id)

    def read(self, timeout):
        import select
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.r], [], [], timeout)
            if not ready:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def wait(self, pred, timeout=90):
        end = time.time() + timeout
        for i, m in enumerate(self.events):
            if pred(m):
                return self.events.pop(i)
        while True:
            m = self.read(max(0.1, end - time.time()))
            if pred(m):
                if "error" in m:
                    raise RuntimeError(m["error"])
                return m
            self.events.append(m)


def blank(png):
    """True when every pixel of the PNG's image data is the same (a page that drew nothing)."""
    at, idat = 8, b""
    while at < len(png):
        n = int.from_bytes(png[at:at + 4], "big")
        kind = png[at + 4:at + 8]
        if kind == b"IDAT":
            idat += png[at + 8:at + 8 + n]
        at += 12 + n
    width = int.from_bytes(png[16:20], "big")
    raw = zlib.decompress(idat)
    stride = 1 + width * 4 if png[25] == 6 else 1 + width * 3
    rows = [raw[i + 1:i + stride] for i in range(0, len(raw), stride)]
    # after the first row, filtered rows of one colour are all zero differences
    return len(set(rows[0][:12])) <= 4 and all(not any(r) for r in rows[1:])


def main():
    exe, top, source, shot = sys.argv[1:5]
    results = []

    def check(what, ok, detail=""):
        results.append(ok)
        print("%s: %s%s" % ("ok" if ok else "FAIL", what, (" (" + detail + ")") if detail and not ok else ""))

    # a renderer may still be writing its profile as the group dies: what is left is $TMPDIR's
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        try:
            b = Browser(exe, profile)
            target = b.send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
        except (OSError, EOFError, TimeoutError) as e:
            print("chromium cannot start: %s" % e)
            return 77
        sess = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            b.send(domain + ".enable", session=sess)

        def load(page):
            b.events = [m for m in b.events if m.get("method") != "Page.loadEventFired"]
            b.send("Page.navigate", {"url": "file://" + os.path.join(top, page)}, session=sess)
            b.wait(lambda m: m.get("method") == "Page.loadEventFired")
            time.sleep(0.2)
            errors = [m for m in b.events if m.get("method") in ("Runtime.exceptionThrown",)
                      or (m.get("method") == "Runtime.consoleAPICalled" and m["params"]["type"] == "error")
                      or (m.get("method") == "Log.entryAdded" and m["params"]["entry"]["level"] == "error")]
            b.events = []
            return errors

        def js(expr):
            r = b.send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=sess)["result"]
            return r["result"].get("value")

        for page in ("index.html", "files.html", source):
            errors = load(page)
            check("%s loads with no console error" % page, not errors, json.dumps(errors)[:300])

        load("files.html")
        pcts = "Array.from(document.querySelectorAll('table.files tbody tr')).map(r => parseFloat(r.cells[1].dataset.v))"
        box = js("(() => { const r = document.querySelectorAll('table.files thead th')[1].getBoundingClientRect();"
                 " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for n, order in ((1, "ascending"), (2, "descending")):
            for kind in ("mousePressed", "mouseReleased"):
                b.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left",
                                                     "clickCount": 1}, session=sess)
            v = js(pcts)
            want = sorted(v) if order == "ascending" else sorted(v, reverse=True)
            check("click %d on Lines sorts %s" % (n, order), v == want and len(v) > 1, str(v))

        load(source)
        want = js("Array.from(document.querySelectorAll('table.src tr.u, table.src tr[id].ms')).slice(0, 2).map(r => r.id)")
        got = []
        for _ in range(2):
            b.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "n", "text": "n", "code": "KeyN"}, session=sess)
            b.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "n", "code": "KeyN"}, session=sess)
            got.append(js("location.hash.slice(1)"))
        check("n moves to the first and the next uncovered line or survivor", got == want and len(want) == 2,
              "%s, expected %s" % (got, want))
        png = base64.b64decode(b.send("Page.captureScreenshot", {"format": "png"}, session=sess)["result"]["data"])
        open(shot, "wb").write(png)
        check("the screenshot of the source page is not blank", not blank(png))

        def numbers():
            """{row id: the number its ::before shows} for the rows of table.src that are laid out."""
            snap = b.send("DOMSnapshot.captureSnapshot", {"computedStyles": []}, session=sess)["result"]
            doc, strings = snap["documents"][0], snap["strings"]
            nodes, layout = doc["nodes"], doc["layout"]
            shown = {}
            for i, node in enumerate(layout["nodeIndex"]):
                if strings[nodes["nodeName"][node]] != "::before" or layout["text"][i] < 0:
                    continue
                attrs = [strings[a] for a in nodes["attributes"][nodes["parentIndex"][node]]]
                row = dict(zip(attrs[::2], attrs[1::2])).get("id")
                if row:
                    shown[row] = strings[layout["text"][i]]
            return shown

        def click(expr):
            x, y = js(expr)
            for kind in ("mousePressed", "mouseReleased"):
                b.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                       session=sess)

        load(source)
        ids = js("Array.from(document.querySelectorAll('table.src tbody tr[id]')).map(r => r.id)")
        shown = numbers()
        check("every line shows its number", len(ids) == 10 and all(shown.get(i) == i[1:] for i in ids),
              "%s, %s" % (ids, shown))
        kinds = js("Array.from(document.querySelectorAll('table.src tbody tr')).map(r => r.className).join(' ')")
        check("the script gives covered lines their class", kinds == "c c p c c c u u u ", kinds)
        rows = "Array.from(document.querySelectorAll('table.src tbody tr')).map(r => r.getBoundingClientRect().height > 0 ? 1 : 0).join('')"
        click("(() => { const r = document.querySelector('.toolbar input[data-show=c]').getBoundingClientRect();"
              " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        heights, shown = js(rows), numbers()
        check("unticking covered hides the covered lines, renumbering none",
              heights == "0010001111" and all(shown.get(i) == i[1:] for i in ("L3", "L7", "L10")) and
              js("document.querySelectorAll('.toolbar input[type=checkbox]').length") == 5, "%s, %s" % (heights, shown))
        click("(() => { const r = document.querySelector('.toolbar input[data-show=c]').getBoundingClientRect();"
              " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        click("(() => { const r = document.getElementById('L8').cells[0].getBoundingClientRect();"
              " return [r.x - 12, r.y + r.height / 2]; })()")
        check("a click on a line's number sets its anchor", js("location.hash") == "#L8", js("location.hash"))
        red = {"light": "rgb(201, 42, 42)", "dark": "rgb(255, 135, 135)"}
        for scheme in ("light", "dark"):
            b.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
                   session=sess)
            mark = js("(() => { const c = document.getElementById('L3').cells[0], m = c.querySelector('b');"
                      " return [c.title, c.textContent, m ? getComputedStyle(m).color : null]; })()")
            check("a branch not taken shows red (%s)" % scheme, mark == ["taken 4, 0", "+- 4", red[scheme]], str(mark))
        b.send("Emulation.setEmulatedMedia", {"features": []}, session=sess)
        # without the script: the covered lines (no class) still shaded as covered, and no dead controls
        b.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=sess)
        load(source)
        b.send("Emulation.setScriptExecutionDisabled", {"value": False}, session=sess)
        shade = js("['L1', 'L3', 'L7', 'L10'].map(i => getComputedStyle(document.getElementById(i).cells[1]).backgroundColor)"
                   ".concat([document.querySelectorAll('.toolbar').length, document.getElementById('L1').className])")
        check("without the script, lines are shaded by kind and no toolbar is shown",
              shade == ["rgb(230, 246, 232)", "rgb(255, 244, 209)", "rgb(253, 226, 226)", "rgba(0, 0, 0, 0)", 0, ""],
              str(shade))

        errors = load("tests.html")
        dialogs = [m for m in b.events if m.get("method") == "Page.javascriptDialogOpening"]
        text = js("document.querySelector('table.tests').innerText")
        check("the hostile test name opens no dialog and shows as text",
              not dialogs and not errors and "<script>alert(1)</script>" in text, json.dumps(dialogs)[:200])
        b.close()
    return 0 if all(results) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (TimeoutError, EOFError, RuntimeError) as e:
        # say which step chromium did not answer, not a traceback
        print("FAIL: chromium: %s: %s" % (type(e).__name__, e))
        sys.exit(1)
