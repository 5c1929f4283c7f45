"""Statements: who said what (to whom), from speech cues in the language data.

Patterns (cue forms come from ``speech_cues.tsv``):
- pre:     "X (pun/juga/...) mengatakan (bahwa) ..."  -> speaker = nearest subject before the cue
- post:    "“...,” kata X (kepada Y)"                -> speaker = actor right after the cue
- nya:     "“...,” katanya"                           -> speaker = last named speaker
- menurut: "Menurut X, ..." / "Menurutnya, ..."       -> speaker after the cue
A cue inside a quotation is part of the quote, not an attribution. A statement's date comes from
time expressions outside its reported content, so "X mengatakan pertemuan Rabu akan ..." is not
dated Wednesday.
"""
from __future__ import annotations

from functools import lru_cache

from ..lang import Cue, LanguageData
from ..model import Mention, Sentence
from . import QUOTE_MARKS, DocumentContext, Draft

CONNECTING_MARKS = (",", ":")  # with the language's complementizers, between a cue and what was said
PAST_WINDOW = 3  # tokens before a cue that may hold its aspect ("telah dengan tegas menolak")
QUOTE_TOKENS = ("“", "«", "”", "»", '"')
MAX_SPEAKER_OFFSET = 8  # tokens between a post cue and its speaker ("kata Duta Besar AS Julianne Smith")


def quote_spans(context: DocumentContext, sentence: Sentence) -> list[tuple[int, int]]:
    """Token ranges [start, end) of quotations in a sentence, quote marks included."""
    spans, open_at, straight_at = [], None, None
    for k in context.positions("quote", QUOTE_TOKENS, (), sentence):  # other tokens change nothing below
        text = context.words[k]
        if text in ("“", "«"):
            open_at = k
        elif text in ("”", "»") and open_at is not None:
            spans.append((open_at, k + 1))
            open_at = None
        elif text == '"':
            if straight_at is None:
                straight_at = k
            else:
                spans.append((straight_at, k + 1))
                straight_at = None
    start = open_at if open_at is not None else straight_at
    if start is not None:  # an unclosed quote runs to the end of the sentence
        spans.append((start, sentence.tokens[1]))
    return spans


def quoted_tokens(quotes: list[tuple[int, int]]) -> set[int]:
    """Token indices inside quotations (a set: a sentence may hold thousands of quote marks)."""
    return {k for a, b in quotes for k in range(a, b)}


@lru_cache(maxsize=8)
def cue_table(lang: LanguageData) -> dict[str, dict[str, Cue]]:
    """Cue forms by order (pre, post, nya, menurut, passive)."""
    table: dict[str, dict[str, Cue]] = {}
    for cue in lang.cues:
        form = cue.form + "nya" if cue.order == "nya" else cue.form
        table.setdefault(cue.order, {})[form.casefold()] = cue
    return table


@lru_cache(maxsize=8)
def cue_forms(lang: LanguageData) -> frozenset[str]:
    """Every form in cue_table: a token that is none of them (nor menurut + "nya") is no cue."""
    return frozenset(form for forms in cue_table(lang).values() for form in forms)


def speaker_after(context: DocumentContext, index: int, stop: int) -> Mention | None:
    for k in range(index + 1, min(index + 1 + MAX_SPEAKER_OFFSET, stop)):
        mention = context.by_start.get(k)
        if context.is_actor(mention):
            return mention
        if context.doc[k].is_punct and context.words[k] != ",":
            return None
        if mention is None and k == index + 1 and not context.words[k][:1].isupper():
            return None
    return None


def addressee_after(context: DocumentContext, index: int, stop: int) -> list[Mention]:
    for k in range(index, min(index + 6, stop)):
        if context.lower[k] in context.lang.addressee_markers:
            mention = speaker_after(context, k, stop)  # "kepada Menlu Jerman Annalena Baerbock"
            return [mention] if mention is not None else []
        if context.words[k] in ".;“”\"":
            break
    return []


def statements_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    table = cue_table(context.lang)
    start, stop = sentence.tokens
    drafts: list[Draft] = []
    spoken: set[int] = set()  # one statement per speaker mention per sentence
    forms, menurut = cue_forms(context.lang), table.get("menurut", {})
    cues = context.positions("cue", forms, menurut, sentence)  # the only tokens where a branch below can match
    quotes = context.quotes(sentence) if cues else []
    quoted = context.quoted(sentence) if cues else set()

    def inside_quote(k: int) -> bool:
        return k in quoted

    for k in cues:
        word = context.lower[k]
        if inside_quote(k):
            continue
        cue = None
        speaker = None
        content = (k + 1, stop)
        if word in table.get("post", {}) and k > start and (context.doc[k - 1].is_punct or inside_quote(k - 1)):
            cue = table["post"][word]
            speaker = speaker_after(context, k, stop)
            before = [q for q in quotes if q[1] <= k]
            content = before[-1] if before else (start, k)
        elif word in table.get("nya", {}):
            cue = table["nya"][word]
            speaker = context.pronoun(sentence, k, k + 1)
            before = [q for q in quotes if q[1] <= k]
            content = before[-1] if before else (start, k)
        elif word in table.get("menurut", {}):
            cue = table["menurut"][word]
            speaker = speaker_after(context, k, stop)
            content = (speaker.tokens[1], stop) if speaker else content
        elif word.endswith("nya") and word[:-3] in table.get("menurut", {}):
            cue = table["menurut"][word[:-3]]
            speaker = context.pronoun(sentence, k, k + 1)
        elif word in table.get("passive", {}) and k + 1 < stop and context.lower[k + 1] == "oleh":
            cue = table["passive"][word]  # "Hal itu diumumkan oleh X"
            speaker = speaker_after(context, k + 1, stop)
            content = (start, k)
        elif word in table.get("pre", {}):
            cue = table["pre"][word]
            previous = context.lower[k - 1] if k > start else ""
            if previous in context.lang.nonfinite_markers:
                continue  # "terlalu dini untuk mengatakan": not an attribution
            if previous in context.lang.coordinators:
                # a second predicate ("X ..., dengan mengatakan", "X ... dan menuntut") has the first one's subject
                speaker = drafts[-1].actors[0] if drafts else context.main_subject(sentence, k)
            else:
                speaker = context.subject_before(sentence, k)
                if speaker is not None:
                    for co_speaker in context.co_subjects(speaker):
                        if all(d.actors[0] is not co_speaker for d in drafts):
                            drafts.append(make_statement(context, sentence, k, cue, co_speaker, content, quotes))
        if cue is None or speaker is None:
            continue
        if id(speaker) in spoken or any(d.actors[0] is speaker for d in drafts):
            continue
        spoken.add(id(speaker))
        context.last_speaker = speaker.antecedent or speaker
        drafts.append(make_statement(context, sentence, k, cue, speaker, content, quotes))
    if not drafts:
        drafts = continued_quote(context, sentence)
    context.last_quote_statement = drafts[-1] if drafts and drafts[-1].attrs.get("quote") else None
    return drafts


def continued_quote(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    """A sentence that is only a quotation, right after a quoted statement, continues it:
    “...,” kata X. “Second sentence of the quote.”"""
    previous = context.last_quote_statement
    start, stop = sentence.tokens
    if previous is None or previous.evidence.sentence_index != sentence.index - 1:
        return []
    quotes = context.quotes(sentence)
    if not quotes or quotes[0][0] != start or quotes[-1][1] < stop - 1:
        return []
    speaker = previous.actors[0]
    a, b = quotes[0]
    draft = Draft(kind="statement", id=f"{context.document.id}/statement/{sentence.index}-0",
                  evidence=context.evidence(sentence), cue=previous.cue, actors=[speaker],
                  addressees=list(previous.addressees), date=previous.date,
                  attrs={**previous.attrs, "quote": context.span_text(a, b).strip("“”\"« »,."), "content": None})
    return [draft]


def refers_back(context: DocumentContext, sentence: Sentence, cue_index: int) -> bool:
    """ "X membuat pengumuman itu, dengan mengatakan ...": the statement is one reported before."""
    nouns = context.lang.speech_nouns
    for k in range(sentence.tokens[0], cue_index - 1):
        if nouns.get(context.lower[k]) == "noun" and nouns.get(context.lower[k + 1]) == "demonstrative":
            return True
    return False


def past_aspect(context: DocumentContext, sentence: Sentence, cue_index: int) -> bool:
    """ "X telah/sudah/pernah mengatakan": the speaking lies before the article's news day."""
    return any(context.lower[k] in context.lang.past_markers
               for k in range(max(sentence.tokens[0], cue_index - PAST_WINDOW), cue_index))


def connects(context: DocumentContext, k: int) -> bool:
    return context.lower[k] in context.lang.complementizers or context.words[k] in CONNECTING_MARKS


def skip_connectors(context: DocumentContext, k: int, stop: int) -> int:
    while k < stop and connects(context, k):
        k += 1
    return k


def skip_adverbial_date(context: DocumentContext, sentence: Sentence, c_start: int, c_end: int) -> int:
    """ "mengatakan pada hari Senin bahwa ...", "mengatakan setelah itu, ...": a time expression between the
    cue and "bahwa" (or a comma or quote) dates the speaking and is not content; returns the content start."""
    if c_start >= c_end:
        return c_start
    start_char = context.start_char(c_start) - sentence.start
    for expression in context.dates(sentence, future=False):
        if expression.start != start_char:
            continue
        k = c_start
        while k < c_end and context.start_char(k) - sentence.start < expression.end:
            k += 1
        if k < c_end and (connects(context, k) or context.words[k] in QUOTE_MARKS + "”"):
            return skip_connectors(context, k, c_end)
    return c_start


def make_statement(context: DocumentContext, sentence: Sentence, cue_index: int, cue: Cue, speaker: Mention,
                   content: tuple[int, int], quotes: list[tuple[int, int]]) -> Draft:
    c_start, c_end = content
    if c_start < c_end and context.lower[c_start] in context.lang.addressee_markers:
        # "mengatakan kepada wartawan bahwa ...": the addressee phrase is not content
        stop_at = next((j for j in range(c_start, min(c_start + 6, c_end))
                        if context.lower[j] in context.lang.complementizers or context.words[j] == ","), None)
        c_start = stop_at if stop_at is not None else c_start
    c_start = skip_adverbial_date(context, sentence, skip_connectors(context, c_start, c_end), c_end)
    quote = next((q for q in quotes if q[0] <= c_start < q[1]), None)
    text = context.span_text(c_start, c_end).strip()
    span_chars = (context.start_char(c_start) - sentence.start, context.end_char(c_end - 1) - sentence.start) \
        if c_end > c_start else (0, 0)
    date = context.statement_date(sentence, cue_index, span_chars)
    about = [m for m in context.mentions
             if c_start <= m.tokens[0] < c_end and m.type in ("Person", "Organization", "Country")
             and m is not speaker]
    addressees = addressee_after(context, speaker.tokens[1] if speaker.tokens[0] > cue_index else cue_index + 1,
                                 sentence.tokens[1])
    return context.draft("statement", sentence, cue_index, cue_index + 1, [speaker], addressees=addressees,
                         about=about, date=date,
                         attrs={"speech_act": cue.act, "cameo": cue.cameo,
                                "refers_back": refers_back(context, sentence, cue_index),
                                "past": past_aspect(context, sentence, cue_index),
                                "quote": text.strip("“”\"« »,.") if quote else None,
                                "content": None if quote else (text or None)})
