"""Build corpus/reports/ from corpus/sources/: each report in the format users receive it.

Deterministic: the junk of a scraped page is drawn from a random generator seeded
with the report id, PDFs and DOCX files carry fixed metadata, so the same sources
always give byte-identical files (tests/test_corpus_build.py checks this).

    python tools/corpus_build.py [CORPUS_DIR] [OUT_DIR]
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import variants

from summarylens.corpus import load

SITE = "青松范文网"
SITE_URL = "www.qingsong-fanwen-example.com"
GLOSSES = {
    "发": "fā", "展": "zhǎn", "业": "yè", "务": "wù", "创": "chuàng", "协": "xié",
    "节": "jié", "统": "tǒng", "养": "yǎng", "职": "zhí", "区": "qū", "规": "guī",
    "经": "jīng", "组": "zǔ", "织": "zhī", "术": "shù", "调": "diào", "训": "xùn",
}  # fmt: skip
GLOSS_SHARE = 0.3
MAX_GLOSSES = 40
CATEGORIES = ["工作总结", "半年工作总结", "年度工作总结", "工会工作总结"]
RELATED = ["基层工会上半年工作总结范文", "企业工会年度工作总结(精选6篇)", "工会工作计划怎么写"]
NAV = ["首页", "工作总结", "工作计划", "心得体会", "述职报告", "范文大全"]
SIDEBAR = [
    "社区工作年度小结写法",
    "乡镇团委工作回顾模板",
    "学校后勤保障工作体会",
    "医院工会活动记录",
]


def scraped_lines(report_id: str, text: str) -> list[str]:
    """The source's lines dressed as a template-site page: furniture, glosses,
    a watermark line mid-body and a teaser at the end."""
    rng = random.Random(report_id)
    lines = [line for line in text.splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    budget = [MAX_GLOSSES]

    def gloss(line: str) -> str:
        out = []
        for char in line:
            out.append(char)
            if char in GLOSSES and budget[0] and rng.random() < GLOSS_SHARE:
                out.append(f"({GLOSSES[char]})")
                budget[0] -= 1
        return "".join(out)

    glossed = [gloss(line) for line in body]
    watermark_at = rng.randrange(len(glossed) // 3, 2 * len(glossed) // 3)
    glossed.insert(watermark_at, f"{SITE[:-1]}汇 {SITE_URL}")
    year = 2000 + rng.randrange(19, 25)
    teaser = body[0][: rng.randrange(45, 70)].replace("__", "**") + "…"
    return [
        f"欢迎光临{SITE}",
        f"当前位置:{SITE} > 范文大全 > {rng.choice(CATEGORIES)} > 工会工作总结",
        title,
        f"发布时间:{year}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)} 10:2{rng.randrange(10)}:0"
        f"{rng.randrange(10)} 查看人数:{rng.randrange(10, 900)}",
        title,
        *glossed,
        title,
        teaser,
        "推荐度:",
        "点击下载文档文档为doc格式",
        "相关工会信息",
        *[f"  • {item}" for item in rng.sample(RELATED, 2)],
        "相关专题",
    ]


def scraped_html(report_id: str, text: str) -> str:
    """A saved template-site page without semantic markup, as such sites serve them."""
    lines = scraped_lines(report_id, text)
    nav = " | ".join(f'<a href="/{i}/">{label}</a>' for i, label in enumerate(NAV))
    side = "".join(f'<li><a href="/a/{i}.html">{item}</a></li>' for i, item in enumerate(SIDEBAR))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[2:-4])
    return (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=gb2312">\n'
        f"<title>{html.escape(lines[2])}_{SITE}</title></head>\n<body>\n"
        f'<div class="top">{nav}</div>\n<div class="wrap"><div class="left">\n'
        f'<div class="content">\n{body}\n</div></div>\n'
        f'<div class="right"><h3>热门文章</h3><ul>{side}</ul></div></div>\n'
        f'<div class="foot">Copyright © {SITE} 版权所有 <a href="/about/">关于我们</a></div>\n'
        "</body></html>\n"
    )


def to_big5(text: str) -> bytes:
    """Traditional characters in Big5; a source Big5 cannot hold is an authoring error."""
    import opencc

    return opencc.OpenCC("s2t").convert(text).encode("big5")


def build_report(report_id: str, fmt: str, text: str, organisation: str, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "utf8":
        out.write_bytes(text.encode("utf-8"))
    elif fmt == "gb18030":
        out.write_bytes(text.encode("gb18030"))
    elif fmt == "big5":
        out.write_bytes(to_big5(text))
    elif fmt == "scrape-txt":
        out.write_bytes(("\n\n".join(scraped_lines(report_id, text)) + "\n").encode("utf-8"))
    elif fmt == "scrape-html":
        out.write_bytes(scraped_html(report_id, text).encode("gb18030"))
    elif fmt == "pdf":
        variants.write_pdf(text, out, header=f"{organisation} 工作总结")
    elif fmt == "docx":
        variants.write_docx(out, variants.report_paragraphs(text))
    else:
        raise ValueError(f"{report_id}: unknown format {fmt!r}")
    return out


def build(corpus_dir: Path, out_dir: Path) -> list[Path]:
    """Write every report of the manifest whose source exists; returns the files."""
    corpus = load(corpus_dir)
    written = []
    for report in corpus.reports:
        if report.source.exists():
            out = out_dir / report.delivered.relative_to(corpus.root / "reports")
            text = report.source_text()
            written.append(build_report(report.id, report.format, text, report.organisation, out))
    return written


def main(argv: list[str]) -> int:
    corpus_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "corpus"
    out_dir = Path(argv[2]) if len(argv) > 2 else corpus_dir / "reports"
    for path in build(corpus_dir, out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
