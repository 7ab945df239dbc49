"""Labels decided by more than one labeller: the first labels, a second blind labelling of the same texts, and a
third blind vote on the figures where those two disagree.

One labeller's labels are not the truth: a second labeller, working blind from the same rules, agreed with the
first on about nine indicators in ten (as if it were a system scored on the first's labels: precision 0.92, recall
0.93 on both parts; 0.84 and 0.73 on the first 25 passages), and every disagreement was "this indicator" against
"none". A bar of 0.95 on one labeller's calls is above what two people reach (0.92). So each figure's indicator
is decided by majority:

- the first and second labels agree, or the second did not list the figure: the first label stands;
- they disagree: the third vote decides when it sides with one of them; when it sides with neither, or no third
  vote was cast yet, the figure is **disputed** and left out of precision and recall (and counted);
- a figure only the second labeller gave an indicator is added when the third vote agrees, and is disputed
  otherwise (an ETL indicator on it counts neither right nor wrong).

Second labels live in `tests/devset/second/*.csv`, third votes in `tests/devset/third/*.csv`, in the labels' format.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.devset_labels import (
    DEVSET_DIR,
    PARTS,
    Label,
    dev_texts,
    label_span,
    read_label_file,
    read_labels,
)
from etl.extract.read import normalise_text

SECOND_DIR = DEVSET_DIR / "second"
THIRD_DIR = DEVSET_DIR / "third"
Vote = tuple[str | None, str | None]  # (indicator_id, measure): what one labeller said a figure is


@dataclass(frozen=True)
class Dispute:
    """A figure the labellers left undecided: where it is, and what each said."""

    file: str
    figure_text: str
    context: str
    votes: tuple[Vote | None, ...]  # first, second, third (None: that labeller did not list it)


def read_votes(directory: Path) -> list[Label]:
    return [label for path in sorted(directory.glob("*.csv")) for label in read_label_file(path)]


def _vote(label: Label | None) -> Vote | None:
    return None if label is None else (label.indicator_id, label.measure if label.indicator_id else None)


def _overlapping(span: tuple[int, int], spanned: Sequence[tuple[tuple[int, int], Label]]) -> Label | None:
    return next((label for (start, end), label in spanned if start < span[1] and span[0] < end), None)


def _spanned(labels: Iterable[Label], texts: Mapping[str, str]) -> dict[str, list[tuple[tuple[int, int], Label]]]:
    by_file: dict[str, list[tuple[tuple[int, int], Label]]] = defaultdict(list)
    for label in labels:
        text = texts.get(label.file)
        span = label_span(label, text) if text is not None else None
        if span is not None:
            by_file[label.file].append((span, label))
    return by_file


def decide(first: Vote, second: Vote | None, third: Vote | None) -> Vote | None:
    """The majority's vote, or None when the figure stays disputed."""
    if second is None or second == first:
        return first
    if third is not None and third in (first, second):
        return third
    return None


def adjudicate(
    first: Sequence[Label], second: Sequence[Label], third: Sequence[Label], texts: Mapping[str, str]
) -> tuple[list[Label], list[Dispute]]:
    """The first labels with each indicator decided by majority, plus the figures only the second labeller gave an
    indicator that the third vote confirmed; and the disputes. Texts without second labels keep their first labels."""
    seconds, thirds = _spanned(second, texts), _spanned(third, texts)
    firsts = _spanned(first, texts)
    decided: list[Label] = []
    disputes: list[Dispute] = []
    for label in first:
        text = texts.get(label.file)
        span = label_span(label, text) if text is not None else None
        if span is None or label.file not in seconds:
            decided.append(label)
            continue
        second_label = _overlapping(span, seconds[label.file])
        votes = (_vote(label), _vote(second_label), _vote(_overlapping(span, thirds.get(label.file, []))))
        final = decide(votes[0] or (None, None), votes[1], votes[2])
        if final is None:
            disputes.append(Dispute(label.file, label.figure_text, label.context, votes))
            decided.append(replace(label, is_disputed=True))
        else:
            decided.append(replace(label, indicator_id=final[0], measure=final[1]))
    for file, spanned in seconds.items():
        for span, label in spanned:
            if label.indicator_id is None or _overlapping(span, firsts.get(file, [])) is not None:
                continue
            third_vote = _vote(_overlapping(span, thirds.get(file, [])))
            if third_vote == _vote(label):
                decided.append(label)
            else:
                disputes.append(Dispute(file, label.figure_text, label.context, (None, _vote(label), third_vote)))
                decided.append(replace(label, is_disputed=True))
    return decided, disputes


def adjudicated_labels() -> tuple[list[Label], list[Dispute]]:
    """Every text's labels decided by majority (the first labels where no second labelling exists yet)."""
    texts = {t.name: normalise_text(t.text) for t in dev_texts()}
    return adjudicate(read_labels(), read_votes(SECOND_DIR), read_votes(THIRD_DIR), texts)


@dataclass
class Agreement:
    """How far two labellers agree on indicators, over the figures either gave one."""

    agree: int = 0
    differ: int = 0  # two different indicators
    first_only: int = 0  # the first gave an indicator, the second none (or did not list the figure)
    second_only: int = 0

    @property
    def second_precision(self) -> float:
        """The second labeller scored as a system against the first: of its indicators, the share the first gave."""
        asserted = self.agree + self.differ + self.second_only
        return self.agree / asserted if asserted else 1.0

    @property
    def second_recall(self) -> float:
        labelled = self.agree + self.differ + self.first_only
        return self.agree / labelled if labelled else 1.0


def agreement(first: Sequence[Label], second: Sequence[Label], texts: Mapping[str, str]) -> Agreement:
    """First against second labels on the texts the second labeller did."""
    result = Agreement()
    seconds, firsts = _spanned(second, texts), _spanned(first, texts)
    for file, spanned in firsts.items():
        if file not in seconds:
            continue
        for span, label in spanned:
            one, two = _vote(label), _vote(_overlapping(span, seconds[file]))
            has_one, has_two = bool(one and one[0]), bool(two and two[0])
            if has_one and has_two:
                result.agree += one == two
                result.differ += one != two
            else:
                result.first_only += has_one and not has_two
                result.second_only += has_two and not has_one
    for file, spanned in seconds.items():
        for span, label in spanned:
            if label.indicator_id and _overlapping(span, firsts.get(file, [])) is None:
                result.second_only += 1
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adjudication", description=__doc__.splitlines()[0])
    parser.add_argument("--to-vote", type=Path, help="write the figures the third labeller must vote on (CSV)")
    args = parser.parse_args(argv)
    texts = {t.name: normalise_text(t.text) for t in dev_texts()}
    first, second = read_labels(), read_votes(SECOND_DIR)
    for part in PARTS:
        in_part = {t.name: texts[t.name] for t in dev_texts(part)}
        found = agreement(first, second, in_part)
        print(
            f"{part:10} second labeller against the first: precision {found.second_precision:.3f}, recall "
            f"{found.second_recall:.3f} (agree {found.agree}, differ {found.differ}, first only {found.first_only}, "
            f"second only {found.second_only})"
        )
    _, disputes = adjudicated_labels()
    print(f"disputed figures: {len(disputes)}")
    if args.to_vote:
        with args.to_vote.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "figure_text", "context"])
            writer.writerows((d.file, d.figure_text, d.context) for d in disputes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
