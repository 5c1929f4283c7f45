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
OPENING_MARKS, CLOSING_MARKS = "“«", "”»"
QUOTE_REACH = 4  # sentences of its paragraph a quotation may run on into
MAX_SPEAKER_OFFSET = 14  # tokens between a cue and its speaker ("kata Kepala Bidang Humas Polda Jawa Tengah Kombes X")


def quote_spans(context: DocumentContext, sentence: Sentence) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the quotations in a sentence, quote marks included. A quotation that began in an
    earlier sentence (one quote over several sentences) starts at its opening mark there. Computed for the whole
    document at the first call (a quotation's extent depends on the sentences around it)."""
    if sentence.index not in context.quote_cache:
        for index, spans in document_quotes(context).items():
            context.quote_cache.setdefault(index, spans)
    return context.quote_cache.get(sentence.index, [])


def mark_role(context: DocumentContext, k: int) -> str:
    """Whether the quote mark at token k opens or closes a quotation, from what touches it: a mark after a space and
    before a word opens ("”Kami ...": some outlets open with ”), one after a word or comma and before a space closes;
    otherwise the mark's own shape decides, and a straight quote alternates ("toggle")."""
    start, end = context.offsets[k], context.end_char(k)
    before = context.text[start - 1] if start > 0 else " "
    after = context.text[end] if end < len(context.text) else " "
    free_before = before.isspace() or before in "([{"
    free_after = after.isspace() or after in ",.;:!?)]}"
    if free_before and not free_after:
        return "open"
    if free_after and not free_before:
        return "close"
    word = context.words[k]
    return "open" if word in OPENING_MARKS else "toggle"


def document_quotes(context: DocumentContext) -> dict[int, list[tuple[int, int]]]:
    """Every sentence's quotations. A quotation left open at the end of a sentence runs on through the next sentences
    of its paragraph when one of them (within QUOTE_REACH) closes it before opening another; otherwise it ends with
    its sentence and is recorded as dangling (context.dangling_quotes)."""
    found: dict[int, list[tuple[int, int]]] = {}
    carried: int | None = None
    for n, sentence in enumerate(context.sentences):
        start, stop = sentence.tokens
        open_at, spans = carried, []
        for k in context.positions("quote", QUOTE_TOKENS, (), sentence):
            role = mark_role(context, k)
            if role == "toggle":
                role = "close" if open_at is not None else "open"
            if role == "open":
                open_at = k if open_at is None else open_at  # a mark inside an open quotation is nested
            elif open_at is not None:
                spans.append((open_at, k + 1))
                open_at = None
            else:  # nothing open: the opening mark is glued to a word ("2024.“Ke"), or it opened in an earlier sentence
                begin = spans[-1][1] if spans else start
                glued = next((j for j in range(k - 1, begin - 1, -1) if glued_opening(context.words[j])),
                             None)
                if glued is not None or not spans:
                    spans.append((glued if glued is not None else start, k + 1))
        carried = None
        if open_at is not None:
            spans.append((open_at, stop))
            if closed_later(context, n):
                carried = open_at
            else:
                context.dangling_quotes.add(sentence.index)
        found[sentence.index] = spans
    return found


def glued_opening(word: str) -> bool:
    """A token with an opening mark stuck to it ("“Kami", "2024.“Ke")."""
    return len(word) > 1 and (word[0] == '"' or any(mark in word for mark in OPENING_MARKS))


def closed_later(context: DocumentContext, n: int) -> bool:
    """The first quote mark after sentence n, in the next sentences of its paragraph, closes a quotation."""
    paragraph = context.sentences[n].paragraph
    for sentence in context.sentences[n + 1:n + 1 + QUOTE_REACH]:
        if sentence.paragraph != paragraph:
            return False
        marks = context.positions("quote", QUOTE_TOKENS, (), sentence)
        if marks:
            return mark_role(context, marks[0]) in ("close", "toggle")
    return False


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
    """The speaker named right after a cue. A title may run on between the cue and the person it belongs to ("kata
    juru bicara Erdogan Ibrahim Kalin", "ucap Wakil Ketua Komisi III DPR, Ahmad Sahroni"): over names, title words
    and capitalised words the speaker is the last named person, else the last person, else the first actor."""
    named = person = actor = None
    k = index + 1
    limit = min(index + 1 + MAX_SPEAKER_OFFSET, stop)
    while k < limit:
        mention = context.by_start.get(k)
        if mention is not None:
            if context.is_actor(mention):
                actor = actor or mention
                if mention.type == "Person":
                    person = mention
                    named = mention if not mention.title_only else named
            k = mention.tokens[1]
            continue
        if not in_title_run(context, k, stop):
            break
        k += 1
    return named or person or actor


def in_title_run(context: DocumentContext, k: int, stop: int) -> bool:
    """Token k can stand in a title before a name: a title word, a generic noun, a capitalised word, or a comma
    before one of them or a name ("Wakil Ketua Komisi III DPR, Ahmad Sahroni")."""
    word = context.words[k]
    if word == ",":
        return k + 1 < stop and (context.by_start.get(k + 1) is not None or in_title_run(context, k + 1, stop)
                                 and context.words[k + 1] != ",")
    lower = context.lower[k]
    return lower in context.title_words or lower in context.lang.generic_nouns \
        or (word[:1].isupper() and not context.doc[k].is_punct)


def pronoun_after(context: DocumentContext, sentence: Sentence, index: int, stop: int) -> Mention | None:
    """ "kata dia", "lanjut dia", "menurut dia": a pronoun right after the cue stands for the person."""
    k = index + 1
    if k < stop and context.lower[k] in context.lang.pronouns:
        return context.pronoun(sentence, k, k + 1)
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
        dangling = dangling_quote_cue(context, sentence, k, quotes)
        if inside_quote(k) and dangling is None:
            continue
        cue = None
        speaker = None
        content = (k + 1, stop)
        if dangling is not None:
            cue = table["post"][word]  # “..., kata X di Jakarta. (the quotation is never closed)
            speaker = speaker_after(context, k, stop)
            content = dangling
        elif word in table.get("post", {}) and k > start and (context.doc[k - 1].is_punct or inside_quote(k - 1)):
            cue = table["post"][word]
            speaker = pronoun_after(context, sentence, k, stop) or speaker_after(context, k, stop)
            before = [q for q in quotes if q[1] <= k]
            content = before[-1] if before else (start, k)
        elif word in table.get("nya", {}):
            cue = table["nya"][word]
            speaker = context.pronoun(sentence, k, k + 1)
            before = [q for q in quotes if q[1] <= k]
            content = before[-1] if before else (start, k)
        elif word in table.get("menurut", {}):
            cue = table["menurut"][word]
            speaker = pronoun_after(context, sentence, k, stop) or speaker_after(context, k, stop)
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
    if not drafts and continued_quote(context, sentence):
        return []
    context.last_quote_statement = drafts[-1] if drafts and drafts[-1].attrs.get("quote") else None
    return drafts


def dangling_quote_cue(context: DocumentContext, sentence: Sentence, k: int, quotes: list[tuple[int, int]]
                       ) -> tuple[int, int] | None:
    """A post cue after a comma inside a quotation that is never closed ("“Kami siap, kata X di Jakarta.") ends the
    quotation: the text before it is what was said. Returns that quotation, or None."""
    if sentence.index not in context.dangling_quotes or not quotes or k == sentence.tokens[0]:
        return None
    opened, end = quotes[-1]
    if not (opened < k < end == sentence.tokens[1]) or context.words[k - 1] != ",":
        return None
    if context.lower[k] not in cue_table(context.lang).get("post", {}):
        return None
    return (opened, k) if speaker_after(context, k, end) is not None else None


def continued_quote(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    """A sentence that is only a quotation, right after a quoted statement, continues that statement:
    “...,” kata X. “Second sentence of the quote.” adds its text to the statement's quote and is no statement of its
    own (one attribution, one statement)."""
    previous = context.last_quote_statement
    start, stop = sentence.tokens
    if previous is None or previous.evidence.sentence_index != sentence.index - 1:
        return []
    quotes = context.quotes(sentence)
    if not quotes or quotes[0][0] != start or quotes[-1][1] < stop - 1:
        return []
    a, b = quotes[0]
    previous.attrs["quote"] = " ".join(filter(None, (previous.attrs.get("quote"),
                                                      context.span_text(a, b).strip("“”\"« »,."))))
    context.last_quote_statement = previous
    return [previous]


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
