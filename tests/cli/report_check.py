#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Structural checks of a report written by `assay report html`:
report_check.py DIR [MAX_PAGE_BYTES]
  - every page parses; every relative link (href, src) names a file inside DIR, and its
    #fragment an id on that page; no link is absolute or leaves DIR;
  - no script but assets/report.js, no inline script, no on* attribute, no element the
    report does not write (img, iframe, object, embed: what hostile text would bring);
  - no page is larger than MAX_PAGE_BYTES.
Prints "pages N, links M" and exits 0, or prints each problem and exits 1."""
import html.parser
import os
import sys
import urllib.parse

ALLOWED = {"html", "head", "meta", "title", "link", "body", "header", "nav", "a", "span", "h1", "h2", "h3",
           "main", "section", "table", "thead", "tbody", "tr", "th", "td", "p", "code", "pre", "dl", "dt",
           "dd", "small", "b", "i", "ul", "li", "details", "summary", "div", "input", "label", "select",
           "option", "kbd", "footer", "script", "br", "em", "strong"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.problems = set(), [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append("element <%s>" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append("attribute %s on <%s>" % (k, tag))
            if k == "id":
                self.ids.add(v)
            if k in ("href", "src") and v is not None:
                self.links.append(v)
        if tag == "script":
            src = dict(attrs).get("src", "")
            if not src.endswith("assets/report.js"):
                self.problems.append("a script that is not report.js: %r" % src)


def main():
    top = os.path.realpath(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    pages, problems, nlinks = {}, [], 0
    for dirpath, _, files in os.walk(top):
        for f in files:
            if f.endswith(".html"):
                path = os.path.join(dirpath, f)
                p = Page()
                data = open(path, "rb").read()
                if limit and len(data) > limit:
                    problems.append("%s: %d bytes, over %d" % (os.path.relpath(path, top), len(data), limit))
                p.feed(data.decode("utf-8"))
                p.close()
                pages[os.path.realpath(path)] = p
    for path, p in sorted(pages.items()):
        rel = os.path.relpath(path, top)
        problems += ["%s: %s" % (rel, x) for x in p.problems]
        for link in p.links:
            nlinks += 1
            u = urllib.parse.urlsplit(link)
            if u.scheme or u.netloc or link.startswith("/"):
                problems.append("%s: link %s is not relative" % (rel, link))
                continue
            target = os.path.realpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path))) \
                if u.path else path
            if not (target == top or target.startswith(top + os.sep)):
                problems.append("%s: link %s leaves the report" % (rel, link))
            elif not os.path.isfile(target):
                problems.append("%s: link %s: no such file" % (rel, link))
            elif u.fragment and target in pages and u.fragment not in pages[target].ids:
                problems.append("%s: link %s: no such anchor" % (rel, link))
    for x in problems:
        print(x)
    print("pages %d, links %d" % (len(pages), nlinks))
    return 1 if problems else 0


sys.exit(main())
