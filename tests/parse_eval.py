"""Scoring of ``kb parse`` output against the hand annotations in ``tests/texts/``.

This module holds no tests; ``bench/parse_eval.py`` runs it over the annotated texts.

Annotation files
================

``tests/texts/<name>.json`` annotates ``tests/texts/<name>.txt``; when that text is absent
and the name is ``corpus-<stem>``, the text is ``sources/<stem>.txt`` (the corpus files are
not copied). The annotation follows ``/work/shared/EXTRACTION.md`` and has the shape of the
``kb parse --json`` contract (issue 3) without IRIs::

    {"published": "YYYY-MM-DD" | null,          # passed to the parser as --published
     "statement": {"title": str|null, "date": "YYYY[-MM[-DD]]"|null, "kind": str|null},
     "events": [{"name", "ordinal", "series", "start", "end", "city", "country",
                 "hosts": [MENTION], "participants": [MENTION],
                 "participant_count", "country_count",
                 "status": "reported"|"announced"|"referenced",
                 "optional": bool}],             # optional events: matched if present, never missed
     "signatories": [MENTION],
     "persons": [{"name", "post", "organisation": MENTION|null}],
     "claims": [{"stance", "quote", "optional": bool}]}

Conventions for the few places where the reading rules leave two readings open:

* any scalar expected value (a date, a city, a stance, a title ...) may be a **list of
  acceptable values**; ``null`` may be one of them;
* an item of a mention list may itself be a **list of alternative mention strings** (the
  first is preferred), e.g. ``["Communist Party of Turkey (TKP)", "Communist Party of Turkey"]``;
* ``participants_optional`` / ``hosts_optional`` (per event) and ``signatories_optional``
  (top level) list mentions that are neither required nor counted as false positives;
* a claim or an event with ``"optional": true`` is allowed but not required;
* keys starting with ``_`` are notes for people.

Comparison rules
================

* Mentions: exact after trimming and collapsing runs of whitespace (so a mention broken by a
  line break matches the same words on one line). Set-based F1 per list.
* Dates, counts, ordinal, title, date, kind: exact (title: whitespace-collapsed). An event
  ``end`` that is empty or equal to ``start`` is the same as the other (one-day events).
* City: case-, accent- and dotless-I-insensitive (``İzmir`` = ``Izmir``); country exact.
* Events are paired greedily by evidence: same start, same (normalised) name, same city,
  same ordinal, shared participants. A pair needs at least one of start/name/city/ordinal.
* Claims: an expected claim is found when an unused actual claim's span overlaps the
  expected quote's span by at least half of the shorter of the two. Expected spans are
  located in the text (first occurrence); actual spans are ``start``/``end`` when they slice
  the text to ``quote``, else the quote is located. Matching prefers the same stance.
  Stance accuracy is measured over found claims. Optional claims and ``other`` never count.

``score`` returns raw counts (``*_ok``/``*_total``, ``*_tp``/``*_fp``/``*_fn``) plus the rates
derived from them; ``score_corpus`` sums the counts over the texts (micro-average) and
derives the same rates.
"""

from __future__ import annotations

import json
import re
import traceback
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "texts"
SOURCES = ROOT / "sources"

STANCES = {"condemn", "demand", "solidarity", "call", "support", "oppose", "reject", "declare", "other"}
KINDS = {"press-release", "joint-statement", "report", "declaration", "resolution", "appeal", "letter"}
STATUSES = {"reported", "announced", "referenced"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# ---------------------------------------------------------------------------------------
# loading


def text_path_for(json_path: Path) -> Path:
    """The text an annotation describes: ``<name>.txt`` beside it, else ``sources/<stem>.txt``
    for ``corpus-<stem>.json``."""
    json_path = Path(json_path)
    local = json_path.with_suffix(".txt")
    if local.exists():
        return local
    name = json_path.stem
    if name.startswith("corpus-"):
        candidate = json_path.resolve().parent.parent.parent / "sources" / f"{name[len('corpus-'):]}.txt"
        if candidate.exists():
            return candidate
        candidate = SOURCES / f"{name[len('corpus-'):]}.txt"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no text for annotation {json_path}")


def load_case(json_path: Path) -> tuple[str, dict, Path]:
    """Return ``(text, expected, text_path)`` for one annotation file."""
    json_path = Path(json_path)
    expected = json.loads(json_path.read_text(encoding="utf-8"))
    tpath = text_path_for(json_path)
    return tpath.read_text(encoding="utf-8"), expected, tpath


def cases(directory: Path = TEXTS) -> list[Path]:
    return sorted(Path(directory).glob("*.json"))


# ---------------------------------------------------------------------------------------
# helpers


def _alts(value: Any) -> list:
    return list(value) if isinstance(value, list) else [value]


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _city_key(s: str | None) -> str | None:
    if s is None:
        return None
    s = s.replace("İ", "I").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _ws(s).casefold()
    return s or None


def _name_key(s: str | None) -> str | None:
    if not s:
        return None
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = _city_key(s) or ""
    s = re.sub(r"^the\s+", "", s)
    return s or None


def _eq_scalar(expected: Any, actual: Any, key: Callable[[Any], Any] = lambda x: x) -> bool:
    a = key(actual) if actual not in ("", None) else None
    for alt in _alts(expected):
        e = key(alt) if alt not in ("", None) else None
        if e == a:
            return True
    return False


def _end_eq(expected_end: Any, expected_start: Any, actual_end: Any, actual_start: Any) -> bool:
    """One-day convention: an empty end equals the start."""
    a = actual_end or actual_start
    for e_end in _alts(expected_end):
        for e_start in _alts(expected_start):
            if (e_end or e_start) == a:
                return True
    return False


def _mention_str(m: Any) -> str | None:
    if isinstance(m, dict):
        m = m.get("mention")
    return _ws(m) if isinstance(m, str) and _ws(m) else None


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def mention_counts(expected: Iterable[Any], actual: Iterable[Any], optional: Iterable[str] = ()) -> tuple[int, int, int]:
    """(tp, fp, fn) of mention lists. Expected and optional items may be lists of alternatives
    (an optional list of alternatives allows each of them)."""
    exp_items = [{_ws(a) for a in _alts(item) if isinstance(a, str)} for item in expected]
    act = {s for s in (_mention_str(m) for m in actual) if s}
    opt = {_ws(a) for o in optional for a in _alts(o) if isinstance(a, str)}
    tp = fn = 0
    absorbed: set[str] = set()
    for alts in exp_items:
        hit = alts & act
        if hit:
            tp += 1
            absorbed |= hit
        else:
            fn += 1
    fp = len(act - absorbed - opt)
    return tp, fp, fn


# ---------------------------------------------------------------------------------------
# annotation check


def check_annotation(expected: dict, text: str) -> list[str]:
    """Problems with an annotation: mentions/quotes not in the text, malformed values."""
    errors: list[str] = []

    def in_text(s: Any, where: str) -> None:
        for alt in _alts(s):
            if alt is None:
                continue
            if not isinstance(alt, str) or not alt or alt not in text:
                errors.append(f"{where}: {alt!r} is not a substring of the text")
            elif alt != alt.strip():
                errors.append(f"{where}: {alt!r} has surrounding whitespace")

    def date_ok(d: Any, where: str) -> None:
        for alt in _alts(d):
            if alt is not None and not (isinstance(alt, str) and DATE_RE.match(alt)):
                errors.append(f"{where}: bad date {alt!r}")

    for key in ("published", "statement", "events", "signatories", "persons", "claims"):
        if key not in expected:
            errors.append(f"missing key {key}")
    pub = expected.get("published")
    if pub is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", pub):
        errors.append(f"published must be YYYY-MM-DD, got {pub!r}")
    st = expected.get("statement", {})
    date_ok(st.get("date"), "statement.date")
    for k in _alts(st.get("kind")):
        if k is not None and k not in KINDS:
            errors.append(f"statement.kind {k!r}")
    for t in _alts(st.get("title")):
        if t is not None and _ws(t) not in _ws(text):
            errors.append(f"statement.title {t!r} not in text")
    for i, ev in enumerate(expected.get("events", [])):
        w = f"events[{i}]"
        for k in ("name", "ordinal", "series", "start", "end", "city", "country", "hosts", "participants",
                  "participant_count", "country_count", "status"):
            if k not in ev:
                errors.append(f"{w}: missing {k}")
        date_ok(ev.get("start"), w + ".start")
        date_ok(ev.get("end"), w + ".end")
        for c in _alts(ev.get("country")):
            if c is not None and not re.match(r"^[A-Z]{2}$", c):
                errors.append(f"{w}.country {c!r}")
        if ev.get("status") not in STATUSES:
            errors.append(f"{w}.status {ev.get('status')!r}")
        for k in ("hosts", "participants", "hosts_optional", "participants_optional"):
            for m in ev.get(k, []):
                in_text(m, f"{w}.{k}")
    for k in ("signatories", "signatories_optional"):
        for m in expected.get(k, []):
            in_text(m, k)
    for i, p in enumerate(expected.get("persons", [])):
        in_text(p.get("name"), f"persons[{i}].name")
        if p.get("organisation") is not None:
            in_text(p["organisation"], f"persons[{i}].organisation")
    for i, c in enumerate(expected.get("claims", [])):
        in_text(c.get("quote"), f"claims[{i}].quote")
        for s in _alts(c.get("stance")):
            if s not in STANCES:
                errors.append(f"claims[{i}].stance {s!r}")
    return errors


# ---------------------------------------------------------------------------------------
# events


def _event_affinity(e: dict, a: dict) -> float:
    score = 0.0
    strong = False
    if a.get("start") and _eq_scalar(e.get("start"), a.get("start")):
        score += 3
        strong = True
    if a.get("name") and _eq_scalar(e.get("name"), a.get("name"), _name_key):
        score += 3
        strong = True
    elif a.get("name") and any(
        n and SequenceMatcher(None, _name_key(n) or "", _name_key(a.get("name")) or "").ratio() > 0.8
        for n in _alts(e.get("name"))
    ):
        score += 2
        strong = True
    if a.get("city") and _eq_scalar(e.get("city"), a.get("city"), _city_key):
        score += 1.5
        strong = True
    if a.get("ordinal") is not None and _eq_scalar(e.get("ordinal"), a.get("ordinal")):
        score += 1
        strong = True
    tp, _, _ = mention_counts(e.get("participants", []) + e.get("hosts", []),
                              list(a.get("participants") or []) + list(a.get("hosts") or []))
    if tp:
        score += min(tp, 5) / 5
    if not strong and not tp:
        return 0.0
    # an event with neither date nor place nor name still pairs through participants
    return score


def match_events(expected: list[dict], actual: list[dict]) -> list[tuple[int, int | None]]:
    """Greedy pairing, required events first. Returns (expected index, actual index|None)."""
    pairs = []
    for i, e in enumerate(expected):
        for j, a in enumerate(actual):
            s = _event_affinity(e, a)
            if s > 0:
                pairs.append((0 if e.get("optional") else 1, s, i, j))
    pairs.sort(key=lambda t: (-t[0], -t[1], t[2], t[3]))
    used_e: dict[int, int] = {}
    used_a: set[int] = set()
    for _, _, i, j in pairs:
        if i in used_e or j in used_a:
            continue
        used_e[i] = j
        used_a.add(j)
    # a lone expected and a lone actual event pair even without evidence
    if len(expected) == 1 and len(actual) == 1 and not used_e:
        used_e[0] = 0
    return [(i, used_e.get(i)) for i in range(len(expected))]


# ---------------------------------------------------------------------------------------
# claims


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _actual_span(c: dict, text: str | None) -> tuple[int, int] | None:
    q = c.get("quote") or ""
    s, e = c.get("start"), c.get("end")
    if text is not None and isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
        if not q or text[s:e] == q:
            return s, e
    if text is not None and q:
        i = text.find(q)
        if i >= 0:
            return i, i + len(q)
    return None


def _overlap_ok(e_span, a_span) -> float:
    lo, hi = max(e_span[0], a_span[0]), min(e_span[1], a_span[1])
    inter = max(0, hi - lo)
    shorter = min(e_span[1] - e_span[0], a_span[1] - a_span[0])
    return inter / shorter if shorter > 0 else 0.0


def _quote_overlap(eq: str, aq: str) -> float:
    """Text-free fallback: longest common block over the shorter quote."""
    if not eq or not aq:
        return 0.0
    m = SequenceMatcher(None, eq, aq, autojunk=False).find_longest_match(0, len(eq), 0, len(aq))
    return m.size / min(len(eq), len(aq))


def match_claims(expected: list[dict], actual: list[dict], text: str | None) -> list[tuple[int, int | None]]:
    cands = []
    for i, c in enumerate(expected):
        q = c.get("quote") or ""
        e_span = None
        if text is not None:
            pos = _find_all(text, q)
            if pos:
                e_span = (pos[0], pos[0] + len(q))
        for j, a in enumerate(actual):
            a_span = _actual_span(a, text)
            if e_span is not None and a_span is not None:
                ov = _overlap_ok(e_span, a_span)
            else:
                ov = _quote_overlap(q, a.get("quote") or "")
            if ov >= 0.5:
                same = a.get("stance") in _alts(c.get("stance"))
                cands.append((0 if c.get("optional") else 1, 1 if same else 0, ov, i, j))
    cands.sort(key=lambda t: (-t[0], -t[1], -t[2], t[3], t[4]))
    used_e: dict[int, int] = {}
    used_a: set[int] = set()
    for _, _, _, i, j in cands:
        if i in used_e or j in used_a:
            continue
        used_e[i] = j
        used_a.add(j)
    return [(i, used_e.get(i)) for i in range(len(expected))]


# ---------------------------------------------------------------------------------------
# scoring

COUNT_KEYS = [
    "events_total", "events_found", "events_actual",
    "dates_ok", "dates_total",
    "places_ok", "places_total",
    "counts_ok", "counts_total",
    "ordinal_ok", "ordinal_total",
    "participants_tp", "participants_fp", "participants_fn",
    "hosts_tp", "hosts_fp", "hosts_fn",
    "signatories_tp", "signatories_fp", "signatories_fn",
    "persons_tp", "persons_fp", "persons_fn", "posts_ok", "posts_total",
    "claims_total", "claims_found", "claims_actual", "stance_ok",
    "statement_ok", "statement_total",
    "title_ok", "date_ok", "kind_ok",
]


def derive(c: dict[str, float]) -> dict[str, float]:
    """Rates from counts."""
    out: dict[str, float] = {}

    def ratio(a: str, b: str) -> float:
        return c[a] / c[b] if c[b] else 1.0

    out["event_recall"] = ratio("events_found", "events_total")
    out["event_dates"] = ratio("dates_ok", "dates_total")
    out["event_places"] = ratio("places_ok", "places_total")
    out["event_counts"] = ratio("counts_ok", "counts_total")
    for k in ("participants", "hosts", "signatories", "persons"):
        p, r, f = _prf(c[f"{k}_tp"], c[f"{k}_fp"], c[f"{k}_fn"])
        out[f"{k}_p"], out[f"{k}_r"], out[f"{k}_f1"] = p, r, f
    p, r, f = _prf(c["participants_tp"] + c["signatories_tp"], c["participants_fp"] + c["signatories_fp"],
                   c["participants_fn"] + c["signatories_fn"])
    out["lists_f1"] = f
    out["posts"] = ratio("posts_ok", "posts_total")
    out["claims_recall"] = ratio("claims_found", "claims_total")
    out["stance_acc"] = ratio("stance_ok", "claims_found")
    out["statement"] = ratio("statement_ok", "statement_total")
    return out


def score(expected: dict, actual: dict, text: str | None = None) -> dict[str, float]:
    """Compare one annotation with one parser output; counts plus derived rates.

    ``text`` (the original text) is used to locate claim spans; without it quotes are
    compared by their longest common block.
    """
    actual = actual or {}
    c: dict[str, float] = {k: 0.0 for k in COUNT_KEYS}

    # statement
    est, ast = expected.get("statement") or {}, actual.get("statement") or {}
    for key, fn in (("title", _ws), ("date", lambda x: x), ("kind", lambda x: x)):
        ok = _eq_scalar(est.get(key), ast.get(key), fn)
        c[f"{key}_ok"] = float(ok)
        c["statement_ok"] += ok
        c["statement_total"] += 1

    # events
    eevs = expected.get("events") or []
    aevs = [a for a in (actual.get("events") or []) if isinstance(a, dict)]
    pairs = match_events(eevs, aevs)
    matched_actual = {j for _, j in pairs if j is not None}
    c["events_actual"] = len(aevs)
    for i, j in pairs:
        e = eevs[i]
        a = aevs[j] if j is not None else None
        if e.get("optional"):
            if a is None:
                continue  # allowed to be missing
        c["events_total"] += 1
        a = a or {}
        c["events_found"] += j is not None
        if j is None:  # a missed event gets nothing right, even its empty fields
            c["dates_total"] += 2
            c["places_total"] += 2
            c["counts_total"] += sum(e.get(k) is not None for k in ("participant_count", "country_count"))
            c["ordinal_total"] += e.get("ordinal") is not None
            for k in ("participants", "hosts"):
                c[f"{k}_fn"] += len(e.get(k, []))
            continue
        c["dates_total"] += 2
        c["dates_ok"] += _eq_scalar(e.get("start"), a.get("start"))
        c["dates_ok"] += _end_eq(e.get("end"), e.get("start"), a.get("end"), a.get("start"))
        c["places_total"] += 2
        c["places_ok"] += _eq_scalar(e.get("city"), a.get("city"), _city_key)
        c["places_ok"] += _eq_scalar(e.get("country"), a.get("country"), lambda x: x.upper() if isinstance(x, str) else x)
        for k in ("participant_count", "country_count"):
            if e.get(k) is not None or a.get(k) is not None:
                c["counts_total"] += 1
                c["counts_ok"] += _eq_scalar(e.get(k), a.get(k))
        if e.get("ordinal") is not None or a.get("ordinal") is not None:
            c["ordinal_total"] += 1
            c["ordinal_ok"] += _eq_scalar(e.get("ordinal"), a.get("ordinal"))
        for k in ("participants", "hosts"):
            tp, fp, fn = mention_counts(e.get(k, []), a.get(k) or [], e.get(f"{k}_optional", []))
            c[f"{k}_tp"] += tp
            c[f"{k}_fp"] += fp
            c[f"{k}_fn"] += fn
    for j, a in enumerate(aevs):  # invented events: their lists are false positives
        if j not in matched_actual:
            for k in ("participants", "hosts"):
                c[f"{k}_fp"] += len({s for s in (_mention_str(m) for m in a.get(k) or []) if s})

    # signatories
    tp, fp, fn = mention_counts(expected.get("signatories") or [], actual.get("signatories") or [],
                                expected.get("signatories_optional") or [])
    c["signatories_tp"], c["signatories_fp"], c["signatories_fn"] = tp, fp, fn

    # persons
    eps = expected.get("persons") or []
    aps = [p for p in (actual.get("persons") or []) if isinstance(p, dict) and p.get("name")]
    used: set[int] = set()
    for p in eps:
        hit = None
        for j, a in enumerate(aps):
            if j not in used and _eq_scalar(p.get("name"), a.get("name"), _ws):
                hit = j
                break
        if hit is None:
            c["persons_fn"] += 1
            continue
        used.add(hit)
        c["persons_tp"] += 1
        c["posts_total"] += 1
        c["posts_ok"] += _eq_scalar(p.get("post"), aps[hit].get("post"), lambda x: _ws(x).casefold())
    c["persons_fp"] = len(aps) - len(used)

    # claims
    ecl = [x for x in (expected.get("claims") or []) if x.get("stance") != "other"]
    acl = [x for x in (actual.get("claims") or []) if isinstance(x, dict)]
    c["claims_actual"] = len(acl)
    for i, j in match_claims(ecl, acl, text):
        cl = ecl[i]
        if cl.get("optional"):
            continue
        c["claims_total"] += 1
        if j is not None:
            c["claims_found"] += 1
            c["stance_ok"] += acl[j].get("stance") in _alts(cl.get("stance"))

    out = dict(c)
    out.update(derive(c))
    return out


def score_corpus(directory: Path, parse: Callable[[Path, str | None], dict]) -> dict:
    """Run ``parse(text_path, published)`` on every annotated text under ``directory``.

    Returns ``{"texts": {name: scores-or-error}, "total": micro-averaged scores}``. A parser
    exception scores the text as an empty output and is recorded under ``"error"``.
    """
    per: dict[str, dict] = {}
    total = {k: 0.0 for k in COUNT_KEYS}
    for jp in cases(directory):
        text, expected, tpath = load_case(jp)
        err = None
        try:
            actual = parse(tpath, expected.get("published"))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
            actual = {}
            err = f"{type(exc).__name__}: {exc}"
            tb = traceback.format_exc(limit=3)
            err += "\n" + tb
        s = score(expected, actual, text)
        if err:
            s["error"] = err  # type: ignore[assignment]
        per[jp.stem] = s
        for k in COUNT_KEYS:
            total[k] += s[k]
    agg = dict(total)
    agg.update(derive(total))
    return {"texts": per, "total": agg}
