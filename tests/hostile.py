"""Hostile and damaged files of every format, as an attacker or an unlucky user would make them.
Shared by the regression build test and the fuzz suite."""

from __future__ import annotations

from archive_paths import seed

BODY = "<p>美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题。</p>\n"
FA_BODY = "<p>نخست‌وزیر عراق با رئیس‌جمهور آمریکا در کاخ سفید دیدار کرد و درباره خروج نیروها گفتگو کرد.</p>\n"


def alias_bomb(levels: int = 8, width: int = 9) -> str:
    """The 531-byte kind: each level an anchor listing the previous one `width` times."""
    lines = ["a0: &a0 [" + ",".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + f"\ntags: [{{x: *a{levels - 1}}}]\n"


def front_matter(meta: str, body: str = BODY) -> bytes:
    return f"---\n{meta}\n---\n{body}".encode()


def hostile_files() -> dict[str, bytes]:
    """name → bytes. Every one must end as a published or rejected report entry, never abort the
    build, never write outside the output folder."""
    text000 = seed("000").read_text(encoding="utf-8")
    text004 = seed("004").read_text(encoding="utf-8")
    lines = text000.split("\n")
    half = len(lines) // 2
    return {
        # front matter
        "fm/lang-escape.md": front_matter("title: 逃逸一\nlang: ../../../escaped-lang"),
        "fm/lang-quote.md": front_matter("title: 逃逸二\nlang: 'zh\" onmouseover=\"alert(1)'"),
        "fm/lang-list.md": front_matter("title: 语言列表\nlang: [zh, ar]"),
        "fm/alias-bomb.md": front_matter("title: 炸弹\n" + alias_bomb()),
        "fm/alias-loop.md": front_matter("title: 循环\ntags: &a [x, *a]"),
        "fm/deep-yaml.md": front_matter("title: 深\ntags: " + "[" * 900 + "]" * 900),
        "fm/many-tags.md": front_matter("title: 一万个标签\ntags: [" + ",".join(f"t{i}" for i in range(10_000)) + "]"),
        "fm/tag-bangs.md": front_matter("title: 感叹号标签\ntags: ['!!!']", BODY.replace("会谈", "会谈一")),
        "fm/tag-dots.md": front_matter("title: 省略号标签\ntags: ['...']", BODY.replace("会谈", "会谈二")),
        "fm/title-controls.md": front_matter('title: "垂直\\v制表\\e符\\uFFFE号"', BODY.replace("会谈", "会谈三")),
        "fm/title-invisible.md": front_matter('title: "\\u202E\\u200B\\u2066\\u200F"', BODY.replace("会谈", "会谈四")),
        "fm/title-rlo.md": front_matter('title: "Biden \\u202Eretsim emirp"', BODY.replace("会谈", "会谈五")),
        "fm/title-markup.md": front_matter('title: "<img src=x onerror=alert(1)>标题"', BODY.replace("会谈", "会谈六")),
        "fm/cite.md": front_matter(
            "title: 引用", '<blockquote cite="javascript:alert(1)"><p>引用的正文，美国和伊拉克。</p></blockquote>\n'
        ),
        "fm/entities.md": front_matter("title: 实体", "<p>控制&#11;字符&#x1b;和&#xFFFE;非字符的正文。</p>\n"),
        "fm/persian-zwnj.md": front_matter("title: دیدار نخست‌وزیر عراق", FA_BODY),
        "fm/not-a-mapping.md": "---\n- just\n- a list\n---\n<p>正文。</p>\n".encode(),
        "fm/unclosed.md": b"---\ntitle: x\n<p>\xe6\xad\xa3\xe6\x96\x87</p>\n",
        "fm/markdown-deep.md": front_matter("title: 深引用", ">" * 3000 + " 深层引用的正文\n"),
        # HTML pages
        "html/deep-divs.html": f"<!doctype html><html><body><h1>深层</h1>{'<div>' * 1000}深层嵌套的正文，美国。{'</div>' * 1000}</body></html>".encode(),
        "html/very-deep.html": f"<!doctype html><html><body><h1>更深</h1>{'<span><b>' * 50_000}文字</body></html>".encode(),
        "html/lang-attr.html": "<!doctype html><html lang='zh\" onmouseover=\"alert(1)'><body><h1>属性</h1><p>属性正文，美国和伊拉克。</p></body></html>".encode(),
        "html/lang-path.html": b'<!doctype html><html lang="../../../escaped-html"><body><h1>path</h1><p>\xe6\xad\xa3\xe6\x96\x87\xe3\x80\x82</p></body></html>',
        "html/script-only.html": b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "html/svg-js.html": '<!doctype html><html><body><h1>链接</h1><p><a href="java&#x09;script:alert(1)">链接</a><img src="data:image/svg+xml,x" onerror="alert(1)">正文，伊拉克。</p></body></html>'.encode(),
        # text
        "txt/img-text.txt": "图片标题测试\n\n<img src=x onerror=alert(1)> 这是一篇文字文章的正文内容，美国和伊拉克。\n".encode(),
        "txt/utf16-no-bom.txt": text000.encode("utf-16-le"),
        "txt/utf16be-no-bom.txt": text004.encode("utf-16-be"),
        "txt/one-nul.txt": text000.encode()[:300] + b"\x00" + text000.encode()[300:],
        "txt/mixed-encodings.txt": "\n".join(lines[:half]).encode() + b"\n" + "\n".join(lines[half:]).encode("gb18030"),
        "txt/bidi-only.txt": "\u202e\u200b\u2067\n\n只有不可见字符的标题，正文在这里。\n".encode(),
        "txt/zero-width-body.txt": "标题\n\n\u200b\u200c\u200d\u2060\n".encode(),
        "txt/controls.txt": b"\x1b[31m\x07\x08" * 200,
        "txt/empty.txt": b"",
        "txt/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "txt/truncated-utf8.txt": text000.encode()[:-2],
        "txt/huge-line.txt": ("长" * 200_000 + "\n").encode(),
        "txt/UPPER.TXT": "大写扩展名的文件\n\n美国和伊拉克将开始会谈，讨论美军撤离的问题，大写扩展名。\n".encode(),
        "md/Mixed.Md": front_matter("title: 混合大小写扩展名", BODY.replace("会谈", "会谈七")),
        # RSS mirror and web capture
        "rss/no-title.md": b"<!--1706215143000-->\n[](javascript:alert(1))\n------\n\n<div><i>Thu, 25 Jan 2024 20:28:16 GMT</i></div>",
        "rss/deep.md": (
            "<!--1706215143000-->\n[深](https://www.voachinese.com/a/1.html)\n------\n\n" + "<div>" * 5000 + "正文"
        ).encode(),
        "capture/bidi.txt": text004.replace("\n", "\u202e\n", 3).encode(),
        # names that make file names too long: a host label of 600 bytes, a site name of 900
        "rss/long-host.md": (
            f"<!--1706215143000-->\n[长域名](https://chin{'伊拉克' * 200}adigitaltimes.net/a/1.html)\n------\n\n"
            "<div>美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题，长域名。</div>"
        ).encode(),
        "html/long-site-name.html": (
            f'<!doctype html><html><head><meta property="og:site_name" content="{"伊拉克新闻" * 60}">'
            "<title>很长的网站名称的新闻页面标题</title></head><body><article><h1>很长的网站名称的新闻页面标题</h1>"
            f"<p>{'美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题，网站名称很长。' * 4}</p></article></body></html>"
        ).encode(),
    }
