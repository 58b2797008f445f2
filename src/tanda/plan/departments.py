"""Responsibility clauses: which government units carry out a task, read from how unit names are built.

A task paragraph ends with its clause: `（省能源局、省发展改革委按职责分工负责）`, `(发改局、工信局)`,
`（责任单位：…）`. Real documents drop brackets, run names together (`市场监管局发改局`), end lists with 等,
and put brackets inside names (`市委党校（行政学院）`). Chinese unit names end in a small set of heads —
局 厅 委 办 部 院 会 中心 公司 集团 银行 政府 … — so a list is split where one name's head is followed by the
start of another name, and joined back where a fragment is only a level word (`各市、县级政府`). Generic
units (各有关部门, 各市、县级政府) named as implementers are kept apart from the responsible departments.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from tanda.plan.text import normalize

OPEN = "([〔【{（［"
CLOSE = ")]〕】}）］"
MAX_CLAUSE = 400  # a responsibility clause is never longer than this

# The head a complete unit name ends with. One-character heads need a stem of two characters (发改局,
# 宣传部) so that words like 布局, 全部, 平台, 机组 are not taken for units.
_UNIT_END = re.compile(
    r"(?:管委会|委员会|人民政府|政府|办公厅|办公室|领导小组|指挥部|中心|公司|集团|银行|支行|分行|党校|学院|海关|部门|单位|机构|"
    r"街道|乡镇|[局厅委办部院会室处科署所站社联协校馆队区台团组])$"
)
# Heads that name a government or state unit for sure; a bare bracketed list must start with one.
_STRONG_END = re.compile(
    r"(?:管委会|委员会|政府|办公厅|办公室|领导小组|指挥部|中心|公司|集团|银行|支行|分行|党校|海关|部门|[局厅委办部])$"
)
# Heads after which another name may start when two names are run together.
_SPLIT_HEAD = re.compile(r"(?:管委会|人民政府|政府|办公室|中心|公司|集团|党校|[局厅委办部院])$")
# A head followed by these characters is the middle of a word: 委员会, 办公室, 部门, 院校.
_NOT_A_BOUNDARY = {"委": "员会", "办": "公事", "部": "门署", "院": "校"}
# The left name is a parent in a hierarchical name: 国家税务总局吉林省税务局 is one unit.
_HIERARCHY_PARENT = re.compile(r"总(?:局|公司|行|队|部|署)$")
# A right part that belongs to the name before it: an office (人民政府办公厅), a branch (人民银行长春中心支行),
# or the units under it (国务院有关部门, 省政府各部门).
_SUBORDINATE = re.compile(
    r"^(?:办公厅|办公室|党组|机关|其他|有关|相关|所属|直属|下属|各)|(?:分局|支行|分行|分公司|支队|分院|分中心|分所)$"
)
# Generic units: every city, every relevant department; 各… names every unit of a kind.
_GENERIC = re.compile(r"^各|有关|相关")
_EVERY = re.compile(r"各")
# An alias or note in brackets after a name: 自然资源局(林草局), 省委党校〔省行政学院〕.
_ALIAS = re.compile(r"[(\[〔【（［][^()\[\]〔〕【】（）［］]*[)\]〕】）］]$")
# A role written after a name, not part of it: 市发展改革委（牵头）.
_ROLE_MARK = re.compile(r"[(\[〔【（［](?:牵头|配合|参与|主责|负责|协办|主办)(?:单位|部门)?[)\]〕】）］]")
# A fragment that is only an administrative level and shares the head of the next one: 各市、县级政府.
_LEVEL_WORD = re.compile(r"各?[省市县区乡镇州盟旗村]{1,3}(?:\([^()]*\))?级?")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9()\[\]〔〕【】{}、]+")
# Words that start a remark or refer back, never a unit's name: (含…), (见附件), 所列负责单位.
_NOT_A_NAME_START = re.compile(r"^(?:含|包括|如|即|指|其中|不含|除|以上|以下|注|详见|参见|见|所列|上述|前述|下同)")
_CONNECTOR = re.compile(r"以及|及|和|与|并")
_PHRASE_SEP = "，,；;。"
_LABEL = re.compile(r"[\u4e00-\u9fff]{0,6}(?:单位|部门|分工)[:：]")
_AGENT = re.compile(r"由|请")
_CARRY = re.compile(r"以下(?:各项)?(?:任务|工作|内容)?(?:均|都|皆|全部|一律)?(?:需|须|由|要|请)?")
_PREDICATE = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位)?)?(?:要|应)?(?:按照?|依据?|根据)?(?:各自)?(?:职责|职能)?(?:分工)?"
    r"(?:分别|共同|协同|联合|具体)?(?:牵头)?(?:负责|牵头|配合|参与|落实|实施|推进|推动|承担)(?:落实|实施|推进)?(?:工作)?$"
)
_TRAILING_ETC = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)?$")
_SENTENCE_END = "。！!？?；;\n"
_FULL_STOP = "。！!？?\n"
_INLINE_LABEL = re.compile(r"(?:责任|牵头|主责|负责|参加|参与|配合|协办|主办)(?:单位|部门)\s*[:：]")


@dataclass
class Responsibility:
    """Who answers for a task: departments in written order, generic implementers, and implementers the
    clause assigns to every later task (`以下均需各市、县级政府落实`)."""

    departments: list[str] = field(default_factory=list)
    implementers: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)


@dataclass
class Clause:
    start: int  # offsets in the document
    end: int
    text: str  # as written, brackets included when the document has them
    responsibility: Responsibility


def _base(name: str) -> str:
    """The name without a trailing alias in brackets: 自然资源局(林草局) → 自然资源局."""
    return _ALIAS.sub("", name)


def _has_head(name: str, heads: re.Pattern[str]) -> bool:
    m = heads.search(name)
    return m is not None and len(name) - len(m.group(0)) >= (2 if len(m.group(0)) == 1 else 1)


def is_unit(name: str) -> bool:
    """A complete unit name: a unit head at the end (an alias in brackets may follow), or a generic unit."""
    base = _base(name)
    if _GENERIC.search(base):
        return len(base) >= 2
    return _has_head(base, _UNIT_END)


def is_strong_unit(name: str) -> bool:
    """A name whose head leaves no doubt that it is a government or state unit (局, 厅, 委, 政府, 公司…)."""
    base = _base(name)
    return bool(_GENERIC.search(base)) or _has_head(base, _STRONG_END)


def _depths(s: str) -> list[int]:
    """Bracket depth before each character, so splits never fall inside 县(市、区) or 〔省行政学院〕."""
    out, depth = [], 0
    for ch in s:
        if ch in CLOSE:
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in OPEN:
            depth += 1
    return out


def _split_at(s: str, seps: str) -> list[tuple[int, int]]:
    depth = _depths(s)
    spans, start = [], 0
    for i, ch in enumerate(s):
        if ch in seps and depth[i] == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(s)))
    return spans


def _stem_ok(name: str, head: re.Match[str] | None) -> bool:
    return head is not None and len(name) - len(head.group(0)) >= 2


def _boundary(name: str, start: int, i: int) -> bool:
    """Whether one unit name can end at `i` and another begin there (the name so far began at `start`)."""
    left, right = name[start:i], name[i:]
    head = _SPLIT_HEAD.search(left)
    if head is None or not _stem_ok(left, head) or _HIERARCHY_PARENT.search(left):
        return False
    if name[i] in _NOT_A_BOUNDARY.get(head.group(0)[-1], ""):
        return False
    if len(right) < 2 or _SUBORDINATE.search(right) or _NOT_A_NAME_START.match(right) or right[0] in "等和及与的":
        return False
    right_head = _UNIT_END.search(right)
    return right_head is None or _stem_ok(right, right_head)  # 省纪委监委, 中铁沈阳局集团: no second name


def split_run_together(name: str) -> list[tuple[int, int]]:
    """Spans of the units in a name that may hold several run together: 市场监管局发改局 → 市场监管局, 发改局."""
    depth = _depths(name)
    spans, start = [], 0
    for i in range(1, len(name)):
        if depth[i] or name[i] in OPEN or name[i] in CLOSE:
            continue
        if _boundary(name, start, i):
            spans.append((start, i))
            start = i
    spans.append((start, len(name)))
    return spans


def _split_connectors(name: str) -> list[tuple[int, int]]:
    """Split at 和/及/与 only where a complete unit name ends: not inside 省工业和信息化厅."""
    depth = _depths(name)
    for m in _CONNECTOR.finditer(name):
        left, right = name[: m.start()], name[m.end() :]
        if depth[m.start()] == 0 and is_unit(left) and len(right) >= 2 and _NAME_CHARS.fullmatch(right):
            rest = _split_connectors(right)
            return [(0, m.start())] + [(a + m.end(), b + m.end()) for a, b in rest]
    return [(0, len(name))]


def split_names(norm: str) -> list[tuple[int, int]]:
    """Spans of the unit names in a list like `省能源局、省发展改革委及中省直有关部门` (normalised text)."""
    pieces: list[tuple[int, int]] = []
    for a, b in _split_at(norm, "、/"):
        if a == b:
            continue
        for c, d in _split_connectors(norm[a:b]):
            for e, f in split_run_together(norm[a + c : a + d]):
                pieces.append((a + c + e, a + c + f))
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for i, (a, b) in enumerate(pieces):
        if pending is None and _LEVEL_WORD.fullmatch(norm[a:b]) and i + 1 < len(pieces):
            pending = a
            continue
        role = _ROLE_MARK.search(norm, a, b)
        merged.append((pending if pending is not None else a, role.start() if role and role.end() == b else b))
        pending = None
    return merged


@dataclass
class _Group:
    names: list[tuple[int, int]]
    predicate: str
    labelled: bool
    carried: bool


def _phrase(norm: str, a: int, b: int) -> _Group | None:
    """One phrase of a clause: labels, 以下… carry-over and the predicate stripped, the rest split into names."""
    carried = labelled = False
    m = _LABEL.match(norm, a, b)
    if m:
        labelled, a = True, m.end()
    m = _AGENT.match(norm, a, b)
    if m:
        a = m.end()
    m = _CARRY.match(norm, a, b)
    if m and m.end() > a:
        carried, a = True, m.end()
    predicate = ""
    m = _PREDICATE.search(norm[a:b])
    if m and m.start() > 0:
        predicate, b = m.group(0), a + m.start()
    m = _TRAILING_ETC.search(norm[a:b])
    if m and m.start() > 0:
        b = a + m.start()
    if a >= b:
        return None
    names = [(a + c, a + d) for c, d in split_names(norm[a:b])]
    for c, d in names:
        name = norm[c:d]
        if not (2 <= len(name) <= 40 and _NAME_CHARS.fullmatch(name)) or _NOT_A_NAME_START.match(name):
            return None
    return _Group(names, predicate, labelled, carried)


def _phrases(norm: str) -> list[tuple[int, int]]:
    """Phrases of a clause: split at ，；。 and before each label (牵头单位:能源局 参加单位:发展改革委)."""
    out = []
    for a, b in _split_at(norm, _PHRASE_SEP):
        cuts = [a] + [m.start() for m in _INLINE_LABEL.finditer(norm, a + 1, b)] + [b]
        out += [(x, y) for x, y in itertools.pairwise(cuts) if x < y]
    return out


def parse_clause(content: str, *, require_marker: bool = False) -> Responsibility | None:
    """The units a clause's content names, or None when the text is not a responsibility clause.

    `require_marker` accepts only clauses that say what the units do (牵头, 负责, 配合) or carry a label
    (责任单位:): a bracket in the middle of a paragraph is read as a clause only then.
    """
    orig = re.sub(r"\s+", "", content)
    norm = normalize(orig)
    groups: list[_Group] = []
    for a, b in _phrases(norm):
        group = _phrase(norm, a, b)
        if group is not None and groups and not any(is_unit(norm[c:d]) for c, d in group.names):
            group = None
        if group is None:
            if not groups:
                return None
            continue  # a remark after the names: 不再列出
        groups.append(group)
    if not groups:
        return None
    first = [norm[a:b] for a, b in groups[0].names]
    proper = [n for g in groups for a, b in g.names if is_unit(n := norm[a:b])]
    total = sum(len(g.names) for g in groups)
    marked = any(g.predicate or g.labelled or g.carried for g in groups)
    if not proper or not any(is_unit(n) for n in first) or (require_marker and not marked):
        return None
    if not marked and (not is_unit(first[0]) or not any(map(is_strong_unit, proper)) or 2 * len(proper) < total):
        return None
    return _assign(groups, orig, norm)


def _assign(groups: list[_Group], orig: str, norm: str) -> Responsibility:
    """Sort the names into roles: 各… units and generic units told to 落实 implement, the rest answer for the task."""
    result = Responsibility()
    for i, g in enumerate(groups):
        generic = all(_GENERIC.search(norm[a:b]) for a, b in g.names)
        implementing = i > 0 and generic and re.search("落实|实施", g.predicate) is not None
        for a, b in g.names:
            name = orig[a:b]
            if g.carried:
                target = result.carried
            elif implementing or _EVERY.match(norm[a:b]):
                target = result.implementers
            else:
                target = result.departments
            if name not in target:
                target.append(name)
    if not result.departments:  # only generic units named: they are the ones responsible (市直各有关部门负责)
        result.departments, result.implementers = result.implementers, []
    return result


def _strip_end(norm: str, start: int, end: int) -> int:
    while end > start and (norm[end - 1].isspace() or norm[end - 1] in "。.；;"):
        end -= 1
    return end


def _matching_open(norm: str, start: int, close: int) -> int | None:
    depth = 0
    for i in range(close, max(start, close - MAX_CLAUSE) - 1, -1):
        if norm[i] in CLOSE:
            depth += 1
        elif norm[i] in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def _sentence_start(norm: str, start: int, end: int, stops: str = _SENTENCE_END) -> int:
    """Start of the last sentence (or clause, when `stops` holds ；) before `end`."""
    for i in range(end - 1, max(start, end - MAX_CLAUSE) - 1, -1):
        if norm[i] in stops:
            return i + 1
    return max(start, end - MAX_CLAUSE)


def _unclosed_open(norm: str, start: int, end: int) -> int | None:
    depth = 0
    for i in range(end - 1, start - 1, -1):
        ch = norm[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            if depth == 0:
                return i
            depth -= 1
    return None


def _make(text: str, start: int, end: int, content: tuple[int, int]) -> Clause | None:
    if content[0] >= content[1]:
        return None
    found = parse_clause(text[content[0] : content[1]])
    if found is None:
        return None
    return Clause(start, end, text[start:end], found)


def find_inline_clauses(text: str, start: int, end: int, norm: str | None = None) -> list[Clause]:
    """Responsibility clauses inside a task's text, before its final one, in reading order.

    Some plans close each sentence of a task with its own clause: `…产业目录。〔市生态环境局牵头，…参与。〕按省的
    要求，…。（市生态环境局、市场监管局牵头）`. A bracket counts when it stands between sentences (a sentence end
    before or after it) and says what the units do.
    """
    norm = normalize(text) if norm is None else norm
    found: list[Clause] = []
    depth, opened = 0, -1
    for i in range(start, end):
        ch = norm[i]
        if ch in OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0 and i - opened <= MAX_CLAUSE and _between_sentences(norm, opened, i + 1, start, end):
                content = text[opened + 1 : i]
                found_units = parse_clause(content, require_marker=True)
                if found_units is not None:
                    found.append(Clause(opened, i + 1, text[opened : i + 1], found_units))
        elif ch == "\n":
            depth = 0
    return found


def _between_sentences(norm: str, opened: int, closed: int, start: int, end: int) -> bool:
    """True when a bracket follows a sentence end or is followed by one (blanks aside)."""
    before = opened
    while before > start and norm[before - 1] in " \t\u3000":
        before -= 1
    after = closed
    while after < end and norm[after] in " \t\u3000":
        after += 1
    return (before > start and norm[before - 1] in "。;；!?！？") or (after < end and norm[after] in "。;；")


def find_clause(text: str, start: int, end: int, norm: str | None = None) -> Clause | None:
    """The responsibility clause that ends the text between `start` (after the task title) and `end`.

    `norm` is normalize(text), passed in by callers that look for many clauses in one document.
    """
    norm = normalize(text) if norm is None else norm
    end = _strip_end(norm, start, end)
    if end <= start:
        return None
    sentence = _sentence_start(norm, start, end)
    if norm[end - 1] in CLOSE:
        opened = _matching_open(norm, start, end - 1)
        if opened is not None:
            clause = _make(text, opened, end, (opened + 1, end - 1))
            if clause is not None:
                return clause
        elif not any(ch in OPEN for ch in norm[sentence : end - 1]):  # opening bracket missing
            clause = _make(text, sentence, end, (sentence, end - 1))
            if clause is not None:
                return clause
    else:
        opened = _unclosed_open(norm, sentence, end)  # closing bracket missing
        if opened is not None:
            clause = _make(text, opened, end, (opened + 1, end))
            if clause is not None:
                return clause
    last_sentence = _sentence_start(norm, start, end, _FULL_STOP)
    labels = list(_INLINE_LABEL.finditer(norm, max(start, last_sentence - 1), end))
    if labels:
        label = labels[0].start()
        if label > start and norm[label - 1] in OPEN:
            label -= 1
        tail = end - 1 if norm[end - 1] in CLOSE else end
        content_start = label + 1 if norm[label] in OPEN else label
        return _make(text, label, end, (content_start, tail))
    return None
