"""Plans of the plan part and achievements of the review part, on characters.

A plan sentence is cut into clauses; a clause opens a new commitment when it
starts with a time, an owner, an enumeration marker, an action verb or a modal
verb, and is kept when it is concrete (a deadline, a figure, a one-off action or an
enumeration item) rather than an exhortation. A figure stays with the plan before it
when it counts or rates that plan (慰问6000人次以上, 采纳率达到40%), names that plan's
own subject (…示范点创建，年底前建成示范点3个) or gives a plan too vague to keep
alone its target. Vocabulary lives in ``data/commitments.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from summarylens import rules
from summarylens.extract.metrics import without_level
from summarylens.structure import mask_protected

STRIP = " \t\u3000\xa0\n"


@dataclass(frozen=True)
class Clause:
    """A commitment found in a text: offsets and the parts of the plan."""

    start: int
    end: int
    action: str | None
    object: str
    owner: str | None
    deadline: str | None
    modality: str | None


def _compiled(*keys: str) -> re.Pattern[str]:
    return rules.compiled("commitments", *keys)


@cache
def _deadline() -> re.Pattern[str]:
    return _compiled("deadline", "patterns")


@cache
def _modal() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, rules.load("commitments")["modality"]["words"])))


@cache
def _modals() -> re.Pattern[str]:
    return re.compile(f"(?:{_modal().pattern})+")


@cache
def _deadline_lead() -> re.Pattern[str]:
    """A deadline opening a clause, with its comma."""
    return re.compile(f"(?:{_deadline().pattern})[，,]?")


@cache
def _verb() -> re.Pattern[str]:
    action = rules.load("commitments")["action"]

    def alternative(verb: str) -> str:
        nouns = [noun[: -len(verb)] for noun in action["nouns"] if noun.endswith(verb)]
        return "".join(f"(?<!{re.escape(head)})" for head in nouns) + re.escape(verb)

    verbs = sorted(action["verbs"], key=len, reverse=True)
    alternatives = [*map(alternative, verbs), *action["patterns"]]
    return re.compile(f"(?<![{action['not_after']}])(?:{'|'.join(alternatives)})")


@cache
def _modal_opening() -> re.Pattern[str]:
    window = rules.load("commitments")["clause"]["modal_window"]
    return re.compile(f"[^，,；;。]{{0,{window}}}?(?:{_modal().pattern})")


@cache
def _opening() -> re.Pattern[str]:
    """What opens a new commitment: an enumeration marker, a time, an owner, an
    action verb (after an adverb or two), or a modal near the start."""
    clause = rules.load("commitments")["clause"]
    adverbs = "|".join(map(re.escape, clause["adverbs"]))
    joins = "|".join(map(re.escape, clause["action_conjunctions"]))
    parts = [
        clause["enumeration"],
        f"^(?:{_deadline().pattern})",
        _compiled("owner", "pattern").pattern,
        f"^(?:{joins})?(?:{adverbs}){{0,2}}(?:{_verb().pattern})",
        f"^{_modal_opening().pattern}",
    ]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut after each separator, whitespace trimmed."""
    separators = rules.load("commitments")["clause"]["separators"]
    masked = mask_protected(text[start:end])
    pieces, begin = [], start
    for index in range(start, end):
        if masked[index - start] in separators:
            pieces.append((begin, index + 1))
            begin = index + 1
    pieces.append((begin, end))
    trimmed = []
    for low, high in pieces:
        while low < high and text[low] in STRIP:
            low += 1
        if low < high:
            trimmed.append((low, high))
    return trimmed


def _clauses(
    text: str, start: int, end: int, figures: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """Pieces grouped into clauses ``(start, head, end)``; a bare leading time (9月底前，)
    or manner (按照上级统一部署，) joins the next piece, the clause's head, where its
    modal and verb are looked for."""
    strong = tuple(rules.load("commitments")["clause"]["strong_separators"])
    clauses: list[list[int]] = []  # [start, head, end]
    pending: int | None = None
    after_strong = True
    for low, high in _pieces(text, start, end):
        piece = text[low:high]
        if _deadline().fullmatch(piece.rstrip("，,；; ")) or _is_adverbial(piece):
            pending = low if pending is None else pending
            continue
        continues = _continues(piece)
        # 一季度完成…评估，全年完成康复救助180名以上: a whole-year aim after a plan with
        # a nearer deadline is a plan of its own, whatever it shares with that plan.
        before = text[clauses[-1][0] : clauses[-1][2]] if clauses else ""
        wider = bool(clauses) and _wider_scope(before, piece)
        quantifies = (
            bool(clauses)
            and not wider
            and _quantifies_previous(text, clauses[-1], low, high, figures)
        )
        if clauses and (continues or quantifies):
            clauses[-1][2] = high
        elif (
            after_strong
            or wider
            or _opens(piece)
            or _next_target(text, clauses, low, high, figures)
        ):
            clauses.append([pending if pending is not None else low, low, high])
        else:
            clauses[-1][2] = high
        pending = None
        after_strong = piece.rstrip().endswith(strong)
    if pending is not None and clauses:
        clauses[-1][2] = end
    return [(low, head, high) for low, head, high in clauses]


def _continues(piece: str) -> bool:
    """A piece opening with a conjunction (同…结合起来, 并…) continues the clause before;
    an adverb that starts like one (同步推行…) does not."""
    clause = rules.load("commitments")["clause"]
    if piece.startswith(tuple(clause["adverbs"])):
        return False
    for word in clause["action_conjunctions"]:
        if piece.startswith(word) and (
            _verb().match(piece, len(word)) or _modal().match(piece, len(word))
        ):
            return False  # …，并评选表彰首届工匠10名 / …，并将病种扩大到35种: a new action
    return piece.startswith(tuple(clause["conjunctions"]))


def _has_figure(figures: list[tuple[int, int]], low: int, high: int) -> bool:
    """Whether a figure starts in ``[low, high)``; ``figures`` are in text order."""
    at = bisect_left(figures, (low,))
    return at < len(figures) and figures[at][0] < high


def _quantifies_previous(
    text: str, clause: list[int], low: int, high: int, figures: list[tuple[int, int]]
) -> bool:
    """A piece with a figure that names the previous plan's own subject gives its
    target (…开展示范点创建，年底前建成示范点3个): the plan before had none."""
    if not _has_figure(figures, low, high):
        return False
    if _has_figure(figures, clause[0], clause[2]):
        return False
    if _modal_opening().match(text, low):
        return False  # 确保全年完成抽检3000批次以上: a modal makes it a plan of its own
    return _shares_subject(text[clause[0] : clause[2]], text[low:high])


def _wider_scope(before: str, piece: str) -> bool:
    """Whether ``piece`` opens with the whole year while ``before`` has a nearer deadline,
    and does more than tally the plan before."""
    whole_year = tuple(rules.load("commitments")["follow_through"]["whole_year"])
    deadline = _deadline().search(before)
    if not (piece.startswith(whole_year) and deadline and deadline.group() not in whole_year):
        return False
    rest = piece[len(next(word for word in whole_year if piece.startswith(word))) :]
    tally = rules.compiled("commitments", "follow_through", "whole_year_tally").match(rest)
    if not tally:
        return True
    # 全年完成300人次 tallies whatever the plan did; a named count only its own subject.
    return bool(tally["subject"]) and not _shares_subject(before, tally["subject"])


def _completes(text: str, before: int, low: int, high: int) -> bool:
    """A clause without owner or modal of its own that names the subject of the plan
    before it (…现场检查，年内实现检查全覆盖) or has no object at all (加快平台建设，
    年底前上线运行) states that plan's aim."""
    piece = text[low:high]
    if _modal_opening().match(piece) or _owner(piece):
        return False
    predicate = _deadline().sub("", piece).strip("，,；;。 ")
    limit = rules.load("commitments")["clause"]["max_bare_predicate"]
    return len(predicate) <= limit or _shares_subject(text[before:low], piece)


def _shares_subject(before: str, piece: str) -> bool:
    """Whether ``piece`` names a word of ``before`` beyond the genre's common ones."""
    generic = rules.load("commitments")["clause"]["generic_bigrams"]
    shared = rules.bigrams(piece) - set(generic)
    return any(bigram in before for bigram in shared if bigram.isalpha())


def _is_adverbial(piece: str) -> bool:
    """在…中， / 根据…要求， / …召开后， after any owner and modal: how, where or when,
    not what; or an owner alone (组织宣传部牵头，)."""
    if not piece.rstrip().endswith(("，", ",")):
        return False
    clause = rules.load("commitments")["clause"]
    rest = piece
    owner = _compiled("owner", "pattern").match(rest)
    if owner:
        rest = rest[owner.end() :]
        if rest.rstrip("，, ") in clause["lead_only"]:
            return True
    if rest.rstrip("，, ").endswith(tuple(clause["time_ends"])):
        return True
    modal = _modals().match(rest)
    if modal:
        rest = rest[modal.end() :]
    if rest.startswith("在"):
        # 在6月底前将…压缩至…: the plan's own time; 在各车队推行…制度: its own place
        # and action. 在开展工会工作中 ends in a localiser: only where.
        localisers = tuple(clause["localisers"])
        if _deadline().match(rest, 1):
            return False
        if _verb().search(rest) and not rest.rstrip("，, ").endswith(localisers):
            return False
    return rest.startswith(tuple(clause["prepositions"]))


def _opens(piece: str) -> bool:
    long_enough = len(piece) >= rules.load("commitments")["clause"]["min_opening_length"]
    return long_enough and bool(_opening().match(piece)) and not _measures_previous(piece)


def _next_target(
    text: str, clauses: list[list[int]], low: int, high: int, figures: list[tuple[int, int]]
) -> bool:
    """In a list of targets (参保人数达到71万人，失业率控制在5.5%以内) each indicator with
    its own figure is a plan of its own: the piece names an indicator before its
    (last) figure, as in 56人以上大班额比例控制在1%以内, and the clause it would join
    already has a figure, or has none and the piece rates something else."""
    last = next((f for f, _e in reversed(figures) if low <= f < high), None)
    if last is None or not clauses:
        return False
    indicator = without_level(text[low:last])
    clause = rules.load("commitments")["clause"]
    if len(indicator) < clause["min_indicator_length"] or _measures_previous(text[low:high]):
        return False
    if _has_figure(figures, clauses[-1][0], clauses[-1][2]):
        return True
    # …集中宣传活动，投诉举报办结率保持在99%以上: the campaign does not make the rate.
    if indicator.endswith(tuple(clause["reach_rates"])):
        return False
    rate = indicator.endswith(tuple(clause["rate_endings"]))
    return rate and not _shares_subject(text[clauses[-1][0] : clauses[-1][2]], indicator)


def _measures_previous(piece: str) -> bool:
    """慰问6000人次以上 after an activity is its reach, not a plan of its own; so is
    7月至8月慰问… or 力争接待游客5万人次 (a time or a modal before the verb)."""
    clause = rules.load("commitments")["clause"]
    adverbs = tuple(clause["adverbs"])
    rest = piece
    time = _deadline().match(rest)
    if time:
        rest = rest[time.end() :]
    modal = _modal().match(rest)
    if modal:
        rest = rest[modal.end() :]
    while rest.startswith(adverbs):
        rest = rest[len(next(a for a in adverbs if rest.startswith(a))) :]
    return rest.startswith(tuple(clause["measure_verbs"])) and bool(re.search(r"\d", piece))


def _is_concrete(
    clause: str, owner: str | None, action: str | None, has_figure: bool, opens_sentence: bool
) -> bool:
    config = rules.load("commitments")
    if _compiled("concrete", "not_plan").search(clause):
        return False
    if _continues(clause) and not opens_sentence:
        # the tail of the clause before (…；同开展工会工作结合起来); a sentence may
        # open with one (与合作银行做好贷款贴息服务，…)
        return False
    bare_year = _compiled("concrete", "bare_year")
    deadlines = [m.group() for m in _deadline().finditer(clause)]
    if has_figure or any(not bare_year.match(d) for d in deadlines):
        return True
    if _compiled("clause", "enumeration").match(clause):
        return True
    general = owner is not None and _compiled("concrete", "general_owner").match(owner)
    return not general and action in config["concrete"]["verbs"]


def _owner(clause: str) -> str | None:
    rest = clause
    enumeration = _compiled("clause", "enumeration").match(rest)
    if enumeration:
        rest = rest[enumeration.end() :]
    deadline = _deadline_lead().match(rest)
    if deadline:
        rest = rest[deadline.end() :]
    match = _compiled("owner", "pattern").match(rest)
    return match.group() if match else None


def find_commitments(
    text: str,
    sentences: list[tuple[int, int]],
    figures: list[tuple[int, int]],
) -> Iterator[Clause]:
    """Concrete plans in the given (plan-part, non-heading) sentences.

    ``figures`` are the spans of quantities in the text, in order; an enumeration item
    without an owner takes the owner of the clause that introduced the list.
    """
    intro = _compiled("clause", "intro")
    strong_separators = rules.load("commitments")["clause"]["strong_separators"]
    owner_of_list: str | None = None
    previous_line = -1
    for sentence_start, sentence_end in sentences:
        line = text.rfind("\n", 0, sentence_start)
        if line != previous_line:
            owner_of_list, previous_line = None, line
        lead_in = intro.search(text, sentence_start, sentence_end)
        if lead_in:
            owner_of_list = _owner(text[sentence_start : lead_in.end()]) or owner_of_list
            sentence_start = lead_in.end()
        vague: tuple[int, int] | None = None
        for low, head, high in _clauses(text, sentence_start, sentence_end, figures):
            has_figure = _has_figure(figures, low, high)
            if vague and (has_figure or _completes(text, vague[0], low, high)):
                # 各分会要继续开展文明服务竞赛，力争投诉率下降10%以上 / 做好现场检查，年内
                # 实现检查全覆盖: the figure or the aim is that of the plan before, which
                # alone was too vague to keep.
                low, head = vague
            clause = text[low:high]
            owner = _owner(clause)
            modality = _modal().search(clause, head - low)
            after_modal = modality.end() if modality else head - low
            verb = _verb().search(clause, after_modal) or _verb().search(clause, head - low)
            # 推动出台, 组织开展: the second verb of a chain names the action.
            chained = verb and _verb().match(clause, verb.end())
            action = (chained or verb).group() if verb else None
            opens_sentence = low == sentence_start
            if not _is_concrete(clause, owner, action, has_figure, opens_sentence) or (
                verb is None and not has_figure
            ):
                ends_plan = clause.rstrip().endswith(tuple(strong_separators))
                vague = None if ends_plan or has_figure else (low, head)
                continue
            vague = None
            deadline = _deadline().search(clause)
            object_start = verb.end() if verb else 0
            object_text = rules.clauses(clause[object_start:])[0].rstrip("。")
            yield Clause(
                start=low,
                end=high,
                action=action,
                object=object_text[:30],
                owner=owner or owner_of_list,
                deadline=deadline.group() if deadline else None,
                modality=modality.group() if modality else None,
            )


def is_achievement(sentence: str) -> bool:
    """A review sentence that reports something done (召开了, 完成, 共收到 …)."""
    cues = rules.load("commitments")["achievement"]["cues"]
    return any(map(sentence.__contains__, cues))
