"""A reproducible archive of N articles for `make bench`: paragraphs of the sample articles and the
corpus recombined with a fixed seed, in all input formats and the three languages, with dates over
ten years, some undated, some duplicates and a few damaged files. Also writes the same texts as
plain Pelican markdown, the baseline a user would otherwise have."""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from archive_paths import corpus_files
from ingest.html_clean import text_of
from ingest.pipeline import ingest_bytes
from ingest.profiles import SourceProfiles
from localize.display import solar_hijri

RSS_SITES = [
    ("美国之音", "https://www.voachinese.com/a/{n}.html"),
    ("BBC", "https://www.bbc.com/zhongwen/simp/world-{n}"),
    ("德国之声", "https://www.dw.com/zh/a-{n}"),
    ("法广", "http://www.rfi.fr/cn/{n}"),
    ("纽约时报", "https://cn.nytimes.com/world/{n}/"),
    ("自由亚洲电台", "https://www.rfa.org/mandarin/{n}.html"),
]
# Which formats (and so languages) an archive holds, as (upper bound of a random roll, format, language).
MIXES = {
    "mixed": [
        (0.45, "rss_archive", "zh"),
        (0.65, "front_matter", "zh"),
        (0.85, "web_capture", "ar"),
        (1.0, "plain_text", "fa"),
    ],
    "zh": [(0.7, "rss_archive", "zh"), (1.0, "front_matter", "zh")],
    "ar": [(1.0, "web_capture", "ar")],
    "fa": [(1.0, "plain_text", "fa")],
}
ARABIC_NAV = ["1. تخطي إلى المحتوى", "  2. تخطي إلى القائمة الرئيسية", "  3. تخطي إلى المزيد من صفحات DW"]
ARABIC_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def paragraph_pools() -> dict[str, list[str]]:
    """Clean paragraphs per language, taken through the ingestion core from the real files."""
    profiles = SourceProfiles.load()
    pools: dict[str, list[str]] = {"zh": [], "ar": [], "fa": []}
    titles: dict[str, list[str]] = {"zh": [], "ar": [], "fa": []}
    sources = sorted((ROOT / "content").glob("*.txt")) + corpus_files()
    for path in sources:
        doc = ingest_bytes(path.read_bytes(), path.name, profiles)
        paragraphs = [p for p in text_of(doc.body_html, skip=("figure",)).split("\n") if len(p) > 30]
        # long Persian lines are split into sentences so the pool has variety
        if doc.lang == "fa":
            paragraphs = [s.strip() + "." for p in paragraphs for s in p.split(".") if len(s) > 40]
        pools[doc.lang] += paragraphs
        titles[doc.lang].append(doc.title)
    return pools, titles


def _body(rng: random.Random, pool: list[str], k: tuple[int, int]) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(*k)))


def generate(n: int, out: Path, baseline: Path, seed: int = 20261126, mix: str = "mixed") -> dict[str, int]:
    rng = random.Random(seed)
    kinds = MIXES[mix]
    pools, titles = paragraph_pools()
    for folder in (out, baseline):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    written: list[Path] = []
    counts = {"rss_archive": 0, "front_matter": 0, "web_capture": 0, "plain_text": 0, "duplicate": 0, "damaged": 0}
    for i in range(n):
        roll = rng.random()
        date = start + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
        undated = rng.random() < 0.05
        if roll < 0.02 and written:  # the same article stored twice
            original = rng.choice(written)
            path = out / "copies" / f"{i:06d}_{original.name}"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(original, path)
            counts["duplicate"] += 1
            continue
        if roll < 0.03:  # damaged: empty, binary, broken front matter
            path = out / "damaged" / f"{i:06d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            kind = i % 3
            path.write_bytes(
                b""
                if kind == 0
                else b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))
                if kind == 1
                else "---\ntitle: 'broken\n---\n<p>正文</p>\n".encode()
            )
            counts["damaged"] += 1
            continue
        share = (roll - 0.03) / 0.97
        fmt, lang = next((f, lang) for bound, f, lang in kinds if share < bound or bound == 1.0)
        paragraphs = _body(rng, pools[lang], (4, 12))
        title = f"{rng.choice(titles[lang])} {i}"
        if fmt == "rss_archive":
            outlet, url = rng.choice(RSS_SITES)
            archived = int((date + timedelta(hours=rng.randint(1, 12))).timestamp() * 1000)
            dateline = "" if undated else f"<div><i>{date.strftime('%a, %d %b %Y %H:%M:%S GMT')}</i></div>"
            body = dateline + "".join(f"<p>{p}</p>" for p in paragraphs)
            text = f"<!--{archived}-->\n[{title}]({url.format(n=1000000 + i)})\n------\n\n{body}\n"
            path = out / outlet / f"{1000000 + i}.md"
        elif fmt == "front_matter":
            when = "" if undated else f"date: {date.strftime('%a, %d %b %Y %H:%M:%S GMT')}\n"
            text = (
                f"\n---\ntitle: '{title}'\ncategories:\n - 新闻\n - Aljazeera 半岛网\nauthor: Aljazeera 半岛网\n{when}---\n\n<div>\n"
                + "".join(f"<p>{p}</p>\n" for p in paragraphs)
                + "</div>\n"
            )
            path = out / "aljazeera" / f"{i:06d}_{rng.getrandbits(32):08x}.txt"
        elif fmt == "web_capture":
            day = "" if undated else f"{date.day} {ARABIC_MONTHS[date.month - 1]} {date.year}".translate(INDIC)
            lines = ARABIC_NAV + [
                "",
                title,
                "",
                day,
                "",
                paragraphs[0],
                "",
                f"https://p.dw.com/p/{i:x}",
                "",
                *("\n".join(p + "\n" for p in paragraphs[1:])).split("\n"),
                "اكتشاف المزيد",
            ]
            text = "\n".join(lines)
            path = out / "dw-captures" / f"{i:06d}.txt"
        else:
            dateline = [] if undated else [solar_hijri(date)]  # ۵ مرداد ۱۴۰۰, as Persian sites write it
            text = "\n".join([title, *dateline, "گزارش کوتاه", *paragraphs])
            path = out / "persian" / f"{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        counts[fmt] += 1
        # the same text for plain Pelican: markdown with Title/Date metadata
        md_date = (date if not undated else start).strftime("%Y-%m-%d %H:%M")
        (baseline / f"{i:06d}.md").write_text(
            f"Title: {title.replace(':', ' ')}\nDate: {md_date}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    return counts


def edit_one(archive: Path, mix: str, i: int) -> tuple[Path, str]:
    """Change one article of the archive (a paragraph added to its body) for the rebuild bench;
    returns the file and its original text to put back."""
    fmt = MIXES[mix][0][1]
    folder = {
        "rss_archive": "美国之音",
        "front_matter": "aljazeera",
        "web_capture": "dw-captures",
        "plain_text": "persian",
    }[fmt]
    target = min(p for p in (archive / folder).iterdir() if p.is_file())
    original = target.read_text(encoding="utf-8")
    if fmt == "rss_archive":
        # after the date line: a paragraph put before it would push the date out of the header
        changed = original.replace("</i></div>", f"</i></div><p>更新 {i}</p>", 1)
    elif fmt == "web_capture":
        changed = original.replace("\nhttps://p.dw.com/p/", f"\nتحديث {i} للمقال.\n\nhttps://p.dw.com/p/", 1)
    else:
        changed = original + f"\nبه‌روزرسانی {i}.\n"
    target.write_text(changed, encoding="utf-8")
    return target, original


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench" / "archive")
    parser.add_argument("--baseline", type=Path, default=ROOT / "output" / "bench" / "plain")
    parser.add_argument("--mix", choices=sorted(MIXES), default="mixed")
    args = parser.parse_args()
    print(generate(args.n, args.out, args.baseline, mix=args.mix))


if __name__ == "__main__":
    main()
