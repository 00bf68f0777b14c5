#!/usr/bin/env python3
"""Loads a reportdiff HTML page in headless Chromium and checks it from the page
itself, over the DevTools protocol on a pipe (standard library only):

  * no console errors, no uncaught exceptions, no log errors (CSP violations
    are reported there);
  * no network request other than the page's own file;
  * the navigation (`#toc > li`) has the expected number of entries;
  * `lang` is zh-CN, the CSP meta is present, no <script> element exists;
  * the Chinese text is drawn with a CJK font;
  * the inline/side-by-side switch works without JavaScript in the page
    (the checker clicks the label and reads the computed style);
  * a screenshot is not blank (decoded here: enough non-background pixels);
  * with --print-pdf: the page printed to PDF (A4, as a reader's "Print")
    holds the whole timeline: `pdftotext -layout` finds the header of the
    last block of years, ending with the last year and 合计;
  * with --phone-timeline: on a phone the timeline's phrase column and year
    header stay in view while the table scrolls, and its links and the
    sort switch are at least 44 px tall.

Usage: html-check-page.py PAGE.html EXPECTED_NAV SCREENSHOT.png [--width W] [--height H]
         [--mobile] [--scroll-to SELECTOR] [--print-pdf OUT.pdf] [--phone-timeline]
Exit 0 when every check passes; prints one line per check.
"""

import argparse
import urllib.parse
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]


class Browser:
    """Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out; NUL-separated JSON)."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="reportdiff-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # The child must see the pipe ends as fds 3 and 4 (dup2 runs before
        # Popen closes the descriptors not listed in pass_fds).
        def setup():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=setup,
            pass_fds=(3, 4),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        for m in self.events:
            if m.get("method") == method:
                return m
        while True:
            m = self._read_message(deadline)
            self.events.append(m)
            if m.get("method") == method:
                return m

    def drain(self, seconds):
        """Collects events for a while (late console messages, requests)."""
        deadline = time.time() + seconds
        os.set_blocking(self.from_child, False)
        try:
            while time.time() < deadline:
                try:
                    chunk = os.read(self.from_child, 1 << 20)
                except BlockingIOError:
                    time.sleep(0.05)
                    continue
                if not chunk:
                    break
                self.buf += chunk
                while b"\0" in self.buf:
                    raw, self.buf = self.buf.split(b"\0", 1)
                    self.events.append(json.loads(raw))
        finally:
            os.set_blocking(self.from_child, True)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def png_pixels(data):
    """Decodes an 8-bit, non-interlaced RGB/RGBA PNG: (width, height, rows of bytes, bytes per pixel)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, "unsupported PNG"
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def not_blank(png):
    """Share of pixels that differ from the most common colour, and the colour count."""
    width, height, rows, bpp = png_pixels(png)
    counts = {}
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            px = row[x : x + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    return (total - background) / total, len(counts)


def phone_timeline(evaluate, check):
    """The timeline on a phone: scrolled both ways inside its frame, the phrase
    column and the year header stay put; tap targets are 44 px or more."""
    geometry = evaluate(
        """(() => {
        const wrap = document.querySelector('.tl-screen');
        wrap.scrollIntoView();
        const box = wrap.getBoundingClientRect();
        const th = wrap.querySelector('tbody th');
        const head = wrap.querySelector('thead th:nth-child(2)');
        const years = [...wrap.querySelectorAll('thead th')].slice(1, -1)
            .filter(t => { const r = t.getBoundingClientRect(); return r.left >= th.getBoundingClientRect().right - 1 && r.right <= box.right + 1; }).length;
        wrap.scrollLeft = 600; wrap.scrollTop = 400;
        const after = { th: th.getBoundingClientRect().left - box.left, head: head.getBoundingClientRect().top - box.top,
                        scrolled: [wrap.scrollLeft, wrap.scrollTop], width: th.getBoundingClientRect().width };
        wrap.scrollLeft = 0; wrap.scrollTop = 0;
        const tall = sel => Math.min(...[...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect().height));
        return { years, ...after, links: tall('.tl-screen td a'), labels: tall('.switch label') };
        })()"""
    )
    check(
        "phone: phrase column stays in view while years scroll",
        geometry["scrolled"][0] > 0 and abs(geometry["th"]) <= 2,
        f"phrase column {geometry['th']:.0f} px from the frame's edge after scrolling {geometry['scrolled']}, {geometry['years']} year columns visible",
    )
    check(
        "phone: year header stays in view while phrases scroll",
        geometry["scrolled"][1] > 0 and abs(geometry["head"]) <= 2,
        f"header {geometry['head']:.0f} px from the frame's top",
    )
    check("phone: at least 4 year columns beside the phrase column", geometry["years"] >= 4, geometry["years"])
    check(
        "phone: tap targets at least 44 px tall",
        geometry["links"] >= 44 and geometry["labels"] >= 44,
        f"timeline links {geometry['links']:.0f} px, sort switch {geometry['labels']:.0f} px",
    )


def print_pdf(browser, session, evaluate, check, path):
    """Prints the page (A4, the page's own @page rules) and reads the PDF back."""
    last_year = evaluate("(t => t ? t.textContent : '')(document.querySelector('.tl thead th:nth-last-child(2)'))")
    data = browser.send(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=session, timeout=180
    )["data"]
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    header = [line for line in text.splitlines() if line.rstrip().endswith("合计") and last_year in line.split()]
    check(
        f"print: the PDF holds the timeline up to its last year ({last_year})",
        bool(last_year) and bool(header),
        f"{pages} pages; last block header: {' '.join(header[0].split()) if header else 'not found'}",
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("expected_nav", type=int)
    ap.add_argument("screenshot")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--mobile", action="store_true", help="emulate a phone")
    ap.add_argument("--scroll-to", help="CSS selector of an element to scroll to before the screenshot")
    ap.add_argument("--print-pdf", help="print the page to this PDF and check the timeline's last year is in it")
    ap.add_argument("--phone-timeline", action="store_true", help="check the timeline's sticky column, header and tap targets")
    ap.add_argument("--files", action="store_true", help="links to other pages must lead to existing files")
    ap.add_argument("--no-overflow", action="store_true", help="nothing wider than the viewport (phone layouts)")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    args = ap.parse_args()

    url = "file://" + os.path.abspath(args.page)
    failures = []

    def check(name, ok, detail=""):
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail != '' else ''}")
        if not ok:
            failures.append(name)

    browser = Browser(args.chromium)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": args.width, "height": args.height, "deviceScaleFactor": 1, "mobile": args.mobile},
            session=session,
        )
        browser.events.clear()
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.wait_for("Page.loadEventFired")
        browser.drain(1.0)

        def evaluate(expr):
            r = browser.send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=session)
            if "exceptionDetails" in r:
                raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
            return r["result"].get("value")

        console_errors = [
            e["params"]
            for e in browser.events
            if (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "assert"))
            or e.get("method") == "Runtime.exceptionThrown"
            or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error")
        ]
        check("no console errors", not console_errors, json.dumps(console_errors, ensure_ascii=False)[:500] if console_errors else "")

        requests = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
        # Chromium reports the page's own URL percent-encoded (CJK file names).
        requests = [urllib.parse.unquote(u) for u in requests]
        others = [u for u in requests if u != url]
        check("no network requests besides the page", not others and url in requests, others or f"{len(requests)} request (the page)")

        nav = evaluate("document.querySelectorAll('#toc > li').length")
        check("navigation entries = sections", nav == args.expected_nav, f"{nav} of {args.expected_nav}")
        check("lang is zh-CN", evaluate("document.documentElement.lang") == "zh-CN")
        check(
            "CSP meta forbids loads",
            evaluate(
                "(document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')||{}).content||''"
            ).startswith("default-src 'none'"),
        )
        check("no script elements", evaluate("document.scripts.length") == 0)
        targets = evaluate(
            "[...document.querySelectorAll('#toc a')].filter(a => document.getElementById(a.hash.slice(1))).length"
        )
        check("every navigation entry leads to its part of the page", targets == nav, targets)
        font = evaluate("getComputedStyle(document.body).fontFamily")
        check("CJK font stack", "Noto Sans CJK SC" in font and "Microsoft YaHei" in font, font[:60] + "…")
        if evaluate("document.querySelector('#sort-total') !== null"):
            first = evaluate("document.querySelector('.timeline tbody tr th').textContent")
            evaluate("document.querySelector('label[for=sort-total]').click()")
            top = evaluate(
                "[...document.querySelectorAll('.timeline tbody tr')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0].querySelector('th').textContent"
            )
            most = evaluate(
                "[...document.querySelectorAll('.timeline tbody tr')].map(r => +r.lastElementChild.textContent).reduce((a, b) => Math.max(a, b), 0)"
            )
            shown = evaluate(
                "+[...document.querySelectorAll('.timeline tbody tr')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0].lastElementChild.textContent"
            )
            evaluate("document.querySelector('label[for=sort-first]').click()")
            check("timeline sorts by total count (CSS only)", shown == most, f"top row {top} ({shown}), first-appearance order starts with {first}")
        if evaluate("document.querySelector('.row') !== null"):
            sbs = evaluate("getComputedStyle(document.querySelector('.row > .o')).display")
            evaluate("document.querySelector('label[for=view-inline]').click()")
            inline = evaluate("getComputedStyle(document.querySelector('.row > .i')).display")
            hidden = evaluate("getComputedStyle(document.querySelector('.row > .o')).display")
            evaluate("document.querySelector('label[for=view-sbs]').click()")
            check("view switch (CSS only)", sbs != "none" and inline != "none" and hidden == "none", f"{sbs}/{inline}/{hidden}")
        if evaluate("document.querySelector('.brief') !== null"):
            # The brief is what a reader needs first: it starts on the first screen.
            top = evaluate("Math.round(document.querySelector('.brief').getBoundingClientRect().top + window.scrollY)")
            check("brief on the first screen", top < args.height, f"brief starts at {top}px of a {args.height}px screen")
        broken = evaluate(
            "[...document.querySelectorAll('a[href^=\"#\"]')].filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).length"
        )
        check("in-page links resolve", broken == 0, broken)
        if args.files:
            hrefs = evaluate(
                "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))"
            )
            here = os.path.dirname(os.path.abspath(args.page))
            missing = [
                h for h in hrefs
                if "://" in h or not os.path.exists(os.path.join(here, urllib.parse.unquote(h.split("#")[0])))
            ]
            check("links to other pages lead to files of the site", not missing, missing[:5] or f"{len(hrefs)} links")
        if args.no_overflow:
            widths = evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            check("no horizontal overflow", widths[0] <= widths[1], f"{widths[0]} px content in {widths[1]} px")
        loaded = evaluate(
            "(e => Math.round(e.loadEventEnd - e.startTime))(performance.getEntriesByType('navigation')[0])"
        )
        check("page loads quickly", loaded < 5000, f"{loaded} ms, {os.path.getsize(args.page)} bytes")
        browser.send("DOM.enable", session=session)
        browser.send("CSS.enable", session=session)
        root = browser.send("DOM.getDocument", session=session)["root"]["nodeId"]
        h1 = browser.send("DOM.querySelector", {"nodeId": root, "selector": "h1"}, session=session)["nodeId"]
        fonts = [
            f["familyName"]
            for f in browser.send("CSS.getPlatformFontsForNode", {"nodeId": h1}, session=session)["fonts"]
        ]
        cjk = [f for f in fonts if any(k in f for k in ("CJK", "Hei", "PingFang", "YaHei", "Han Sans", "WenQuanYi"))]
        check("Chinese text rendered with a CJK font", bool(cjk), ", ".join(fonts))
        if args.phone_timeline:
            phone_timeline(evaluate, check)
        if args.print_pdf:
            print_pdf(browser, session, evaluate, check, args.print_pdf)
        if args.scroll_to:
            found = evaluate(
                f"(e => e ? (e.scrollIntoView(), true) : false)(document.querySelector({json.dumps(args.scroll_to)}))"
            )
            check(f"element {args.scroll_to} exists", found)
        evaluate("document.activeElement && document.activeElement.blur()")
        browser.send("Emulation.setScrollbarsHidden", {"hidden": True}, session=session)
        shot = base64.b64decode(
            browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
        )
        with open(args.screenshot, "wb") as f:
            f.write(shot)
        share, colours = not_blank(shot)
        check("screenshot not blank", share > 0.02 and colours > 16, f"{share:.1%} non-background pixels, {colours} colours, {len(shot)} bytes")
    finally:
        browser.close()
    if failures:
        print(f"{len(failures)} check(s) failed: {', '.join(failures)}")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
