"""The gold corpus: which reports exist, where their files are, and what they hold.

Layout and schema are documented in ``corpus/README.md``; this module only
reads them. Gold refers to text by anchors (unique literal substrings of the
source), never by offsets.
"""

from __future__ import annotations

import itertools
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarylens.errors import CorpusNotFoundError

DELIVERED_SUFFIX = {
    "utf8": ".txt",
    "gb18030": ".txt",
    "big5": ".txt",
    "scrape-txt": ".txt",
    "scrape-html": ".html",
    "pdf": ".pdf",
    "docx": ".docx",
}


@dataclass(frozen=True)
class CorpusReport:
    """One report: its source text, the file users receive, and its gold."""

    id: str
    organisation: str
    split: str
    format: str
    source: Path
    delivered: Path
    gold_path: Path

    @property
    def org(self) -> str:
        return self.id.split("/")[0]

    def source_text(self) -> str:
        return self.source.read_text("utf-8")

    def gold(self) -> dict[str, Any]:
        return json.loads(self.gold_path.read_text("utf-8"))


@dataclass(frozen=True)
class CorpusPair:
    """Two successive reports of one organisation and the gold of their follow-through."""

    earlier: CorpusReport
    later: CorpusReport
    gold_path: Path

    @property
    def split(self) -> str:
        return self.earlier.split

    def gold(self) -> dict[str, Any]:
        return json.loads(self.gold_path.read_text("utf-8"))


@dataclass(frozen=True)
class Corpus:
    root: Path
    reports: tuple[CorpusReport, ...]
    pairs: tuple[CorpusPair, ...]

    def in_split(self, split: str) -> Corpus:
        """Reports and pairs of ``dev``, ``test`` or ``all``."""
        if split == "all":
            return self
        return Corpus(
            self.root,
            tuple(r for r in self.reports if r.split == split),
            tuple(p for p in self.pairs if p.split == split),
        )


def default_root() -> Path:
    """The corpus of the checkout this package runs from."""
    return Path(__file__).resolve().parents[2] / "corpus"


def load(root: str | Path | None = None) -> Corpus:
    """Read ``manifest.toml``; pairs are successive reports of one organisation."""
    root = Path(root) if root else default_root()
    if not (root / "manifest.toml").is_file():
        raise CorpusNotFoundError(root)
    manifest = tomllib.loads((root / "manifest.toml").read_text("utf-8"))
    organisations = manifest["organisations"]
    reports = []
    for entry in manifest["report"]:
        org, name = entry["id"].split("/")
        reports.append(
            CorpusReport(
                id=entry["id"],
                organisation=organisations[org]["name"],
                split=organisations[org]["split"],
                format=entry["format"],
                source=root / "sources" / org / f"{name}.txt",
                delivered=root / "reports" / org / f"{name}{DELIVERED_SUFFIX[entry['format']]}",
                gold_path=root / "gold" / org / f"{name}.json",
            )
        )
    pairs = []
    for earlier, later in itertools.pairwise(reports):
        if earlier.org == later.org:
            name = f"{earlier.id.split('/')[1]}__{later.id.split('/')[1]}.json"
            pairs.append(CorpusPair(earlier, later, root / "gold" / earlier.org / name))
    return Corpus(root, tuple(reports), tuple(pairs))
