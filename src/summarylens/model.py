"""The data every stage passes on: plain frozen dataclasses with a JSON round-trip.

No heavy imports here: the CLI imports this module on every call.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


class OffsetMap:
    """Where each character of a derived text came from in its source text.

    ``positions[i]`` is the source offset of derived character ``i``; one extra
    trailing entry holds the source offset just past the end, so empty spans at
    the end of the text map too. Maps compose, so a span found in normalised
    text can be shown in the characters of the file the user gave us.

    A plain class, not a dataclass, so serialisation hands it to the hooks below
    (a list in JSON, delta-encoded bytes in the archive) rather than field by field.
    """

    __slots__ = ("_breaks", "positions")

    def __init__(self, positions: array) -> None:
        self.positions = positions
        self._breaks: list[int] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.positions == other.positions

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} characters)"

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("q", range(length + 1)))

    def __len__(self) -> int:
        return len(self.positions) - 1

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span; the result covers every source character
        between the first and last mapped ones (removed furniture included)."""
        if start >= end:
            point = self.positions[start]
            return point, point
        return self.positions[start], self.positions[end - 1] + 1

    def consecutive(self, start: int, end: int) -> bool:
        """Whether derived characters ``[start, end)`` come from consecutive source
        characters. The steps other than 1 are found once per map: comparing every
        span with a range cost more than all the rest of making it."""
        if self._breaks is None:
            import numpy as np

            steps = np.diff(np.frombuffer(self.positions, dtype=np.int64))
            self._breaks = np.flatnonzero(steps != 1).tolist()
        at = bisect.bisect_left(self._breaks, start)
        return at == len(self._breaks) or self._breaks[at] >= end - 1

    def then(self, outer: OffsetMap) -> OffsetMap:
        """Compose: ``self`` maps derived→intermediate, ``outer`` intermediate→source."""
        outer_positions = outer.positions
        return OffsetMap(array("q", (outer_positions[p] for p in self.positions)))

    def to_json(self) -> list[int]:
        return self.positions.tolist()

    @classmethod
    def from_json(cls, data: list[int]) -> OffsetMap:
        return cls(array("q", data))


def page_at(page_starts: tuple[int, ...], offset: int) -> int | None:
    """1-based page of a raw-text offset, or None for formats without pages."""
    if not page_starts:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass(frozen=True)
class RawDocument:
    """Text as read from a file, before any cleaning.

    ``page_starts`` holds the offset where each page begins (paged formats only).
    """

    source: str
    text: str
    format: str
    encoding: str | None = None
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        return page_at(self.page_starts, offset)

    def describe(self) -> dict[str, Any]:
        """What every JSON output says about the file it read."""
        return {
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "pages": len(self.page_starts) or None,
        }


@dataclass(frozen=True)
class LogEntry:
    """One thing cleaning removed or flagged, located in the raw text.

    ``action`` is ``removed`` (the text is gone from the cleaned document) or
    ``flagged`` (kept, but marked: placeholders, mojibake).
    """

    action: str
    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CleanedDocument:
    """One article of a file, with its junk removed and a map back to the raw text."""

    source: str
    format: str
    encoding: str | None
    article: int
    title: str
    text: str
    offsets: OffsetMap
    log: tuple[LogEntry, ...] = ()
    page_starts: tuple[int, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_source(start, end)

    @property
    def removals(self) -> tuple[LogEntry, ...]:
        return tuple(entry for entry in self.log if entry.action == "removed")

    @property
    def flags(self) -> tuple[LogEntry, ...]:
        return tuple(entry for entry in self.log if entry.action == "flagged")


@dataclass(frozen=True)
class Span:
    """A stretch of normalised text with where to find it in the original file:
    ``original_start``/``original_end`` bound it in the text as read (removed junk
    inside included), ``original_text`` is its own characters as written there."""

    start: int
    end: int
    original_start: int
    original_end: int
    original_text: str
    page: int | None = None


@dataclass(frozen=True)
class NormalisedDocument:
    """Simplified, half-width text of one article, mapped back to the raw text."""

    cleaned: CleanedDocument
    text: str
    offsets: OffsetMap = field(repr=False)
    raw_text: str = field(repr=False)

    def span(self, start: int, end: int) -> Span:
        """The span ``[start, end)`` of normalised text, in the user's original characters."""
        raw_start, raw_end = self.offsets.to_source(start, end)
        page = page_at(self.cleaned.page_starts, raw_start)
        return Span(start, end, raw_start, raw_end, self.original_text(start, end), page)

    def original_text(self, start: int, end: int) -> str:
        """The span in the file's own characters, without what cleaning removed inside
        it (a pinyin gloss, a watermark line): what the reader sees in the file.
        A stretch mapped onto consecutive characters, the usual case, is one slice."""
        positions = self.offsets.positions
        if end <= start:
            return ""
        if self.offsets.consecutive(start, end):
            return self.raw_text[positions[start] : positions[end - 1] + 1]
        return "".join(self.raw_text[p] for p in dict.fromkeys(positions[start:end]))


@dataclass(frozen=True)
class Period:
    """When a report speaks of: the period it reviews and the one its plans are for.

    ``span`` is ``H1``, ``H2``, ``Y`` (whole year), ``Q1``–``Q4`` or ``unknown``;
    ``year`` is None when the text never says which year (``今年上半年`` with no
    date). ``evidence`` quotes what the guess rests on, e.g. ``title: 2023年上半年``.
    """

    year: int | None
    span: str
    plan_year: int | None = None
    plan_span: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.span != "unknown"


@dataclass(frozen=True)
class Part:
    """The review of the period (``review``) or the plan for the next (``plan``)."""

    part: str
    span: Span
    heading: str | None = None


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, down to the next heading of its level or above.

    ``items`` are the inline enumerations (一是…；二是…) of its own text.
    """

    id: str
    heading: str
    level: int
    part: str | None
    theme: str | None
    span: Span
    heading_span: Span
    parent: str | None = None
    items: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Metric:
    """A quantity as the report states it.

    ``value`` is the number as written (``1260余件`` → 1260, unit ``件``; ``一千二百万元``
    → 1200, unit ``万元``); None for an anonymised ``__个``. ``qualifier`` is the word
    as written (余, 近, 以上 …) and ``bound`` what it means (``more_than``, ``about``,
    ``at_least``, ``at_most``). ``kind`` is ``actual`` in the review, ``target`` in
    the plan. ``text`` is in the user's original characters.
    """

    text: str
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str | None
    bound: str | None
    placeholder: bool
    change: str | None
    indicator: str
    kind: str
    span: Span
    page: int | None = None


@dataclass(frozen=True)
class Commitment:
    """A concrete plan of the plan part: who is to do what, by when, to what figure."""

    id: str
    text: str
    span: Span
    action: str | None
    object: str
    owner: str | None
    deadline: str | None
    modality: str | None
    targets: tuple[Metric, ...] = ()
    section: str | None = None


@dataclass(frozen=True)
class Achievement:
    """A review-part sentence that reports something done, with its figures."""

    id: str
    text: str
    span: Span
    metrics: tuple[Metric, ...] = ()
    section: str | None = None


@dataclass(frozen=True)
class Report:
    """Everything summarylens knows about one article of one file.

    Offsets in spans are in ``text``, the normalised (simplified, half-width)
    article; each span also carries the original characters and page.
    """

    source: str
    format: str
    encoding: str | None
    article: int
    title: str
    text: str
    period: Period
    organisation: str | None = None
    parts: tuple[Part, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    # Where each of jieba's words ends in ``text``: segmented once per article, for
    # the theme model, the extraction Doc and the audit alike.
    word_ends: tuple[int, ...] = ()
    metrics: tuple[Metric, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    cleaning_log: tuple[LogEntry, ...] = ()

    def words_in(self, start: int, end: int) -> tuple[str, ...] | None:
        return words_between(self.text, self.word_ends, start, end)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section holding a character of ``text``."""
        inside = [s for s in self.sections if s.span.start <= offset < s.span.end]
        return max(inside, key=lambda s: s.level) if inside else None


def words_between(
    text: str, word_ends: tuple[int, ...], start: int, end: int
) -> tuple[str, ...] | None:
    """The words of ``text[start:end]`` from a segmentation of all of ``text``; the
    same as segmenting that stretch alone when it starts and ends at punctuation or
    a line break, which jieba never joins to a word. None without a segmentation."""
    if not word_ends:
        return None
    first, last = bisect.bisect_right(word_ends, start), bisect.bisect_right(word_ends, end)
    bounds = [start, *word_ends[first:last]]
    if bounds[-1] < end:
        bounds.append(end)
    return tuple(text[a:b] for a, b in pairwise(bounds))


def to_json(obj: Any) -> Any:
    """Plain JSON data for any model object (offset maps become lists)."""
    import msgspec

    return msgspec.to_builtins(obj, enc_hook=_offsets_as_list)


def from_json(kind: Any, data: Any) -> Any:
    """The model object of type ``kind`` that ``to_json`` turned into ``data``."""
    import msgspec

    return msgspec.convert(data, type=kind, dec_hook=_offsets_from)


def pack(obj: Any) -> bytes:
    """Compact binary form of model objects for the archive: MessagePack, offset maps
    as byte strings of their steps (mostly 1, so they compress to almost nothing)."""
    import msgspec

    return msgspec.msgpack.encode(obj, enc_hook=_offsets_as_steps)


def unpack(kind: Any, payload: bytes) -> Any:
    import msgspec

    return msgspec.msgpack.decode(payload, type=kind, dec_hook=_offsets_from)


def _offsets_as_list(obj: Any) -> list[int]:
    if isinstance(obj, OffsetMap):
        return obj.to_json()
    raise NotImplementedError(f"cannot serialise {type(obj).__name__}")


def _offsets_as_steps(obj: Any) -> bytes:
    if isinstance(obj, OffsetMap):
        import numpy as np

        return np.diff(np.frombuffer(obj.positions, dtype=np.int64), prepend=0).tobytes()
    raise NotImplementedError(f"cannot serialise {type(obj).__name__}")


def _offsets_from(kind: Any, data: Any) -> Any:
    if kind is not OffsetMap:
        raise NotImplementedError(f"cannot rebuild {kind}")
    if isinstance(data, bytes):
        import numpy as np

        positions = array("q")
        positions.frombytes(np.cumsum(np.frombuffer(data, dtype=np.int64)).tobytes())
        return OffsetMap(positions)
    return OffsetMap.from_json(data)
