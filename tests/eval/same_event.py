"""Same-event links against the labeled pairs (tests/eval/pairs.yml): precision and recall, and every
pair the linker gets wrong with the evidence it saw. `make eval-stories`.

The whole evaluation archive is linked at once, as one site build would link it (document
frequencies, and so what counts as broad, come from the whole archive); then each labeled pair is
looked up: predicted same event when either article lists the other as the same event."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

try:  # run as a script (make eval-stories) or as a module of the tests.eval package
    from archive import load
except ImportError:
    from .archive import load
from stories.linking import StoryDoc, link_stories, story_groups

PAIRS = Path(__file__).with_name("pairs.yml")


def evaluate(pairs_file: Path = PAIRS, out=sys.stdout) -> dict[str, float]:
    labeled = yaml.safe_load(pairs_file.read_text(encoding="utf-8"))["pairs"]
    articles = load()
    docs = [StoryDoc(a.id, a.date, a.tags, a.numbers, a.broad) for a in articles.values()]
    links = link_stories(docs)
    same = {(a, link.other) for a, found in links.items() for link in found.same}
    tp = fp = fn = tn = 0
    for pair in labeled:
        a, b, truth = pair["a"], pair["b"], pair["same"]
        for path in (a, b):
            if path not in articles:
                raise SystemExit(f"{pairs_file}: {path} is not an article of the evaluation archive")
        predicted = (a, b) in same or (b, a) in same
        tp += predicted and truth
        fp += predicted and not truth
        fn += truth and not predicted
        tn += not truth and not predicted
        if predicted != truth:
            link = next((x for x in links[a].same + links[a].related if x.other == b), None)
            why = (
                f"score {link.score}, shared {link.shared_tags}, specific {link.specific}, figures {link.shared_numbers}, days {link.days_apart}"
                if link
                else "not compared or below related"
            )
            kind = "false link" if predicted else "missed link"
            print(f"{kind}: {a} ↔ {b}\n    {articles[a].title[:60]} | {articles[b].title[:60]}\n    {why}", file=out)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    all_links = len(same) // 2
    print(
        f"pairs {len(labeled)} (same {tp + fn}, not {fp + tn}); archive {len(articles)} articles, {all_links} same-event links in all",
        file=out,
    )
    print(f"same-event precision {precision:.3f}  recall {recall:.3f}  (tp {tp} fp {fp} fn {fn} tn {tn})", file=out)
    for group in story_groups(links):
        print("story: " + " | ".join(articles[i].title[:40] for i in group), file=out)
    return {"precision": precision, "recall": recall}


def main() -> int:
    result = evaluate()
    return 0 if result["precision"] >= 0.95 and result["recall"] >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
