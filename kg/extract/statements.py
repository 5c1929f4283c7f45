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

from dataclasses import dataclass
from functools import lru_cache

from ..analyse import SENTENCE_FINAL
from ..dating import sentence_dates, statement_date
from ..lang import Cue, LanguageData
from ..model import Mention, Sentence
from . import QUOTE_MARKS, DocumentContext, Draft

CONNECTING_MARKS = (",", ":")  # with the language's complementizers, between a cue and what was said
PAST_WINDOW = 3  # tokens before a cue that may hold its aspect ("telah dengan tegas menolak")
QUOTE_TOKENS = ("“", "«", "”", "»", '"')
OPENING_MARKS, CLOSING_MARKS = "“«", "”»"
QUOTE_REACH = 4  # sentences of its paragraph a quotation may run on into
NEGATION_REACH = 3  # tokens before a cue a negation may stand ("tidak secara khusus mengatakan")
MODAL_REACH = 2  # tokens before a cue a modal may stand ("akan segera mengumumkan")
COMPLEMENT_REACH = 5  # tokens after a cue before its "bahwa" ("meyakinkan para mitranya bahwa")
REFERRING_REACH = 5  # words between a person noun and its demonstrative ("Politisi Partai Republik AS itu")
REFERENCE_REACH = 3  # sentences back a reference ("Hal itu disampaikan X") may point
TITLE_HOLDER_REACH = 600  # tokens back a bare title ("Menlu") finds the person who holds it
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
def cue_table(lang: LanguageData) -> dict[str, dict[str, tuple[Cue, ...]]]:
    """Cues by order (pre, post, clitic, according, passive, and passive-clitic for "dikatakannya") and first word
    (with its clitics for the clitic orders), the longest form first ("menolak tuduhan" before "menolak")."""
    table: dict[str, dict[str, list[Cue]]] = {}
    for cue in lang.cues:
        words = cue.form.casefold().split()
        firsts = [words[0] + clitic for clitic in lang.clitics] if cue.order == "clitic" else [words[0]]
        for first in firsts:
            table.setdefault(cue.order, {}).setdefault(first, []).append(cue)
        if cue.order == "passive" and len(words) == 1:
            for clitic in lang.clitics:
                table.setdefault("passive-clitic", {}).setdefault(words[0] + clitic, []).append(cue)
    return {order: {first: tuple(sorted(cues, key=lambda c: -len(c.form.split()))) for first, cues in forms.items()}
            for order, forms in table.items()}


@lru_cache(maxsize=8)
def cue_forms(lang: LanguageData) -> frozenset[str]:
    """Every first word in cue_table: a token that is none of them (nor an "according" cue with a clitic) is no cue."""
    return frozenset(form for forms in cue_table(lang).values() for form in forms)


def match_cue(context: DocumentContext, k: int, stop: int, order: str) -> tuple[Cue, int] | None:
    """The longest cue of an order that starts at token k, with the token after it."""
    for cue in cue_table(context.lang).get(order, {}).get(context.lower[k], ()):
        rest = cue.form.casefold().split()[1:]
        if k + len(rest) < stop and all(context.lower[k + 1 + i] == word for i, word in enumerate(rest)):
            return cue, k + 1 + len(rest)
    return None


@lru_cache(maxsize=8)
def media_forms(lang: LanguageData) -> frozenset[str]:
    """The names of news outlets in the gazetteer (organizations of kind media), case-folded."""
    return frozenset(form.casefold() for entry in lang.gazetteer if entry.kind == "media" for form in entry.forms)


def is_outlet(context: DocumentContext, mention: Mention) -> bool:
    """A news outlet: a media organization of the gazetteer, or a name after a media noun ("kantor berita Qatar
    QNA", "harian Kompas")."""
    if (mention.canonical or mention.text).casefold() in media_forms(context.lang):
        return True
    k = mention.tokens[0]
    heads = context.lang.media_heads
    return (k >= 1 and context.lower[k - 1] in heads) or (k >= 2 and f"{context.lower[k - 2]} {context.lower[k - 1]}"
                                                          in heads)


def speaker_after(context: DocumentContext, index: int, stop: int) -> Mention | None:
    """The speaker named right after a cue. A title may run on between the cue and the person it belongs to ("kata
    juru bicara Jokowi Fadjroel Rachman", "ucap Wakil Ketua Komisi I DPR, Budi Santoso"): over names, title words
    and capitalised words the speaker is the last named person, else the last person, else the first actor."""
    named = person = actor = None
    k = index + 1
    if k < stop and context.lang.speech_nouns.get(context.lower[k]) == "noun":
        k += 1  # "lanjut pernyataan Departemen Luar Negeri AS": the statement of the actor after it
        mention = context.by_start.get(k)
        end = mention.tokens[1] if mention is not None else k
        if mention is not None and end < stop and context.lang.speech_nouns.get(context.lower[end]) == \
                "demonstrative" and context.last_speaker is not None:
            return context.pronoun(context.sentences[mention.sentence], k, end + 1)  # "pernyataan AS tersebut"
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
    before one of them or a name ("Wakil Ketua Komisi I DPR, Budi Santoso")."""
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


@dataclass
class Reading:
    """What a cue at a token says: the cue (and the token after it), who spoke and which tokens hold what was said;
    coordinated: a second predicate of the subject before it ("... dan menegaskan"), a statement of its own."""

    cue: Cue
    end: int
    speakers: list[Mention]
    content: tuple[int, int]
    coordinated: bool = False
    joiner: int = -1  # of a coordinated reading: the conjunction, where the statement before it ends
    fronted: bool = False  # "Mengecam X, Y mengatakan ...": Y's main verb is a statement too
    scope: tuple[int, int] | None = None  # the tokens it reports, where they reach beyond its content (see below)


@dataclass
class Attribution:
    """One speaker's statement found in a sentence, before its draft is made: its content may still end earlier
    when a later clause of the sentence turns out to be another statement."""

    at: int
    reading: Reading
    speaker: Mention
    content: tuple[int, int]


def statements_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    if cut_off(context, sentence):
        return []  # a passage cut in the middle of its last sentence: what that sentence attributes is unknown
    cues = context.positions("cue", cue_forms(context.lang), cue_table(context.lang).get("according", {}),
                             sentence)
    quotes = context.quotes(sentence) if cues else []
    quoted = context.quoted(sentence) if cues else set()
    found: list[Attribution] = []
    spoken: set[int] = set()  # one statement per speaker mention per sentence, unless coordinated
    for k in cues:
        reading = read_cue(context, sentence, k, quotes, quoted, found)
        if reading is None:
            continue
        if k in quoted:  # a cue that ended a quotation never closed: what follows its sentence is no quotation
            quoted = quoted - set(range(after_dangling_attribution(context, sentence, reading), sentence.tokens[1]))
        for speaker in reading.speakers:
            speaker = title_holder(context, speaker)
            if not reading.coordinated and (id(speaker) in spoken or any(f.speaker is speaker and not
                                                                          f.reading.fronted for f in found)):
                continue
            if any(f.speaker.tokens[0] <= speaker.tokens[0] < f.speaker.tokens[1] and f.speaker is not speaker
                   for f in found):
                continue  # "Politikus NasDem ini menyebut ... meminta": NasDem is part of the speaker named
            if reading.cue.act == "report" and is_outlet(context, speaker):
                continue  # "kantor berita X melaporkan ...": where the article got it, not a statement
            if not reading.coordinated and embedded(context, speaker, [f.reading.scope or f.content for f in found]):
                continue  # "X mengatakan Y menolak ...": Y's refusal is what X said
            if found:
                # "X menolak A dan menegaskan B", "X menolak A dan Y mengatakan B": A ends at the conjunction
                joiner = reading.joiner if reading.coordinated else clause_start(context, speaker) - 1
                for earlier in found:
                    if earlier.content[0] < joiner < earlier.content[1]:
                        earlier.content = (earlier.content[0], joiner)
            if not reading.fronted:
                spoken.add(id(speaker))
            context.last_speaker = speaker.antecedent or speaker
            found.append(Attribution(k, reading, speaker, reading.content))
            break  # one statement per attribution ("A dan B mengatakan": A's); the others are only candidates
    drafts: list[Draft] = []
    for attribution in found:
        draft = make_statement(context, sentence, attribution, quotes)
        if repeats_last_statement(context, sentence, attribution, draft):
            continue
        drafts.append(draft)
        context.last_statement = draft
    if not drafts and continued_quote(context, sentence):
        return []
    context.last_quote_statement = drafts[-1] if drafts and drafts[-1].attrs.get("quote") else None
    return drafts


def parenthetical_scope(context: DocumentContext, sentence: Sentence, speaker: Mention,
                        quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """ "Termasuk, kata dia, melalui Komite ... dan mendesak DK PBB ...": an attribution set between commas in
    reported speech covers the words on both sides; a speech verb after it belongs to what was said."""
    start, stop = sentence.tokens
    j = speaker.tokens[1]
    if quotes or j + 1 >= stop or context.words[j] != ",":
        return None
    after = context.lower[j + 1]
    if not context.words[j + 1][:1].islower() or after in context.lang.statement_joiners:
        return None
    return (start, stop)


def title_holder(context: DocumentContext, speaker: Mention) -> Mention:
    """A title without a name as speaker ("Menlu mengaku ...", "jelas Presiden", "Menlu Iran menegaskan") stands for
    the person the text named with that title (and country) before ("Menteri Luar Negeri Retno Marsudi ..."): the
    last speaker if that is one of them, else the only one; with two and neither speaking last, it stays as it is
    (and resolution decides)."""
    if not (speaker.title_only and speaker.position):
        return speaker
    role = (speaker.role_of or "").casefold()
    holders: dict[str, Mention] = {}
    for k in range(speaker.tokens[0] - 1, max(-1, speaker.tokens[0] - 1 - TITLE_HOLDER_REACH), -1):
        holder = context.by_end.get(k)
        if holder is not None and holder.type == "Person" and not holder.title_only \
                and holder.position == speaker.position and (not role or (holder.role_of or "").casefold() == role):
            holders.setdefault(holder.text.split()[-1].casefold(), holder)
    last = context.last_speaker
    chosen = next((h for h in holders.values() if last is not None and same_person(context, h, last)), None)
    if chosen is None and len(holders) == 1:
        chosen = next(iter(holders.values()))
    if chosen is None:
        return speaker
    sentence = context.sentences[speaker.sentence]
    return context.pronoun(sentence, *speaker.tokens, antecedent=chosen.antecedent or chosen) or speaker


def embedded(context: DocumentContext, speaker: Mention, contents: list[tuple[int, int]]) -> bool:
    """The speaker stands inside what an earlier statement of the sentence reports, and no conjunction opens a clause
    of its own before it ("X menolak A dan Y mengatakan B": Y speaks; "X mengatakan bahwa Y menolak": X reports)."""
    if not any(a <= speaker.tokens[0] < b for a, b in contents):
        return False
    k = clause_start(context, speaker)
    return not (k > 0 and context.lower[k - 1] in context.lang.statement_joiners)


def clause_start(context: DocumentContext, speaker: Mention) -> int:
    """The first token of a subject ("... dan Washington dan NATO mengatakan": Washington)."""
    subjects = context.co_subjects(speaker)
    return (subjects[-1] if subjects else speaker).tokens[0]


def cut_off(context: DocumentContext, sentence: Sentence) -> bool:
    """The text's last sentence stops mid-sentence (a cut passage: "... kepada Presiden Rusia Vladimir Putin, bahw",
    "... untuk melakukan per…"): it ends in a word, a comma or an ellipsis, not in a sentence's final mark."""
    if sentence.index != context.sentences[-1].index:
        return False
    text = sentence.text.rstrip()
    return bool(text) and (text[-1].isalnum() or text[-1] in ",;:-" or text.endswith(("…", "...")))


def read_cue(context: DocumentContext, sentence: Sentence, k: int, quotes: list[tuple[int, int]],
             quoted: set[int], found_before: list[Attribution]) -> Reading | None:
    """The attribution a cue token makes, if it makes one."""
    start, stop = sentence.tokens
    dangling = dangling_quote_cue(context, sentence, k, quotes)
    if dangling is not None:  # “..., kata X di Jakarta. (the quotation is never closed)
        found = match_cue(context, k, stop, "post")
        speaker = speaker_after(context, found[1] - 1, stop) if found else None
        return Reading(found[0], found[1], [speaker] if speaker else [], dangling) if found else None
    if k in quoted:
        return None  # a cue inside a quotation is part of what was said
    before = [q for q in quotes if q[1] <= k]
    said_before = before[-1] if before else (start, k)
    if k > start and (context.doc[k - 1].is_punct or k - 1 in quoted) and (found := match_cue(context, k, stop,
                                                                                            "post")):
        cue, end = found
        speaker = pronoun_after(context, sentence, end - 1, stop) or speaker_after(context, end - 1, stop)
        if speaker is None:
            return None
        scope = parenthetical_scope(context, sentence, speaker, quotes) or said_before
        return Reading(cue, end, [speaker], said_before, scope=scope)
    if found := match_cue(context, k, stop, "clitic"):
        speaker = context.pronoun(sentence, k, k + 1)
        return Reading(found[0], found[1], [speaker] if speaker else [], said_before)
    if found := match_cue(context, k, stop, "according"):
        speaker = pronoun_after(context, sentence, k, stop) or speaker_after(context, k, stop)
        return Reading(found[0], found[1], [speaker] if speaker else [], (speaker.tokens[1] if speaker else k + 1,
                                                                          stop))
    word = context.lower[k]
    according = cue_table(context.lang).get("according", {})
    if (bare := context.lang.without_clitic(word)) != word and bare in according:  # "menurutnya"
        speaker = context.pronoun(sentence, k, k + 1)
        return Reading(according[bare][0], k + 1, [speaker] if speaker else [],
                       (k + 1, stop))
    if found := match_cue(context, k, stop, "passive-clitic"):  # "Dikatakannya, ...", "yang dilaporkannya kepada X"
        if unasserted(context, sentence, k):
            return None
        speaker = context.pronoun(sentence, k, k + 1)
        return Reading(found[0], found[1], [speaker] if speaker else [], (start, k) if k > start else (k + 1, stop))
    if found := match_cue(context, k, stop, "passive"):  # "Hal itu disampaikan (oleh) X"
        if unasserted(context, sentence, k):
            return None
        agent = k + 1 if k + 1 < stop and context.lower[k + 1] in context.lang.agent_markers else k
        speaker = speaker_after(context, agent, stop)
        if speaker is None or not names_agent(context, agent, speaker):
            return None
        return Reading(found[0], found[1], [speaker], (start, k) if k > start else (speaker.tokens[1], stop))
    if found := match_cue(context, k, stop, "pre"):
        return pre_reading(context, sentence, k, found, found_before)
    return None


def names_agent(context: DocumentContext, agent: int, speaker: Mention) -> bool:
    """The speaker found after a passive verb is its agent: it follows right after the verb (or "oleh"), or after a
    title that leads to it ("disampaikan Juru Bicara Kemlu X"), not later in the sentence."""
    return all(in_title_run(context, j, speaker.tokens[0]) or context.by_start.get(j) is not None
               for j in range(agent + 1, speaker.tokens[0]))


def pre_reading(context: DocumentContext, sentence: Sentence, k: int, found: tuple[Cue, int],
                before: list[Attribution]) -> Reading | None:
    """ "X (juga) mengatakan (bahwa) ...": the speaker is the subject before the cue; after a joiner ("..., dan
    menegaskan", "seraya menambahkan") the subject of the predicate before."""
    start, stop = sentence.tokens
    cue, end = found
    if unasserted(context, sentence, k):
        return None
    if end < stop and context.lower[end] in cue.unless:
        return None  # "menolak untuk hadir": a refusal to act, not an attribution
    if cue.requires == "complement" and not has_complement(context, end, stop):
        return None
    if cue.requires == "clause" and context.by_start.get(end) is not None:
        return None  # "mengakui Donbas sebagai negara": recognizing something named is an act, not speech
    content = (end, stop)
    previous = k - 1 if k - 1 > start and context.lower[k - 1] not in context.lang.predicate_adverbs else k - 2
    if previous >= start and context.lower[previous] in context.lang.plural_pronouns:
        return None  # "mereka mengklaim ...": a group the text does not name here
    if previous >= start and context.lower[previous] in context.lang.relativizers:
        # "X, yang mengatakan ...": the speaker is the name the relative clause hangs on, or nobody
        head = context.by_end.get(previous - 1 if context.words[previous - 1] != "," else previous - 2)
        return Reading(cue, end, [head], content) if context.is_actor(head) else None
    if context.words[start][:1].isupper() and (k == start or (k - 1 == start and context.lower[start]
                                                                in context.lang.predicate_adverbs)):
        return fronted_reading(context, sentence, k, cue, end)
    joiner = predicate_joiner(context, sentence, k)
    if joiner is not None and before:
        scope = before[-1].reading.scope
        if scope is not None and scope[0] <= joiner < scope[1]:
            return None  # "Termasuk, kata dia, ... dan mendesak ...": inside what was said
        if context.lower[joiner] not in context.lang.statement_joiners:
            return None  # "..., dengan mengatakan ...": the same attribution, elaborated
        if subordinate_between(context, before[-1].at + 1, joiner):
            return None  # "memuji China karena menjaga ... dan mendorong ...": the joined verb is China's
        return Reading(cue, end, [before[-1].speaker], content, coordinated=True, joiner=joiner)
    if joiner is not None and context.words[joiner] == ",":
        # "Saat itu, juru bicara Kemlu Ukraina, Oleg Nikolenko, menolak": after an apposition, the person named
        speaker = named_person_before(context, sentence, joiner) or context.subject_before(sentence, k) \
            or clause_subject(context, sentence, k)
    elif joiner is not None:
        speaker = clause_subject(context, sentence, k)
    else:
        phrase = referring_phrase(context, sentence, k)
        speaker = context.pronoun(sentence, *phrase, antecedent=previous_subject(context, sentence)) if phrase \
            else context.subject_before(sentence, k)
    if speaker is None:
        return None
    co_speakers = [m for m in context.co_subjects(speaker) if not is_outlet(context, m)]
    return Reading(cue, end, [*co_speakers, speaker], content)


def fronted_reading(context: DocumentContext, sentence: Sentence, k: int, cue: Cue, end: int) -> Reading | None:
    """ "Mengecam peluncuran rudal itu, PM X mengatakan ...": a speech verb that opens the sentence, before a comma,
    has the subject of the main clause after the comma; what it reports ends at the comma."""
    start, stop = sentence.tokens
    comma = next((j for j in range(end, stop) if context.words[j] == ","), None)
    if comma is None or context.lang.speech_nouns.get(context.lower[comma - 1]) == "demonstrative":
        return None  # "Menolak tuduhan itu, X mengatakan ...": answering what came before frames one statement
    for j in range(comma + 1, min(comma + 1 + MAX_SPEAKER_OFFSET, stop)):
        mention = context.by_start.get(j)
        if mention is not None:
            return Reading(cue, end, [mention], (end, comma), fronted=True) if context.is_actor(mention) else None
        if context.lower[j] in context.lang.pronouns:
            speaker = context.pronoun(sentence, j, j + 1)
            return Reading(cue, end, [speaker], (end, comma), fronted=True) if speaker else None
        if context.lower[j] not in context.title_words:
            return None  # the main clause opens with its subject, maybe after a title ("PM Kishida")
    return None


def subordinate_between(context: DocumentContext, start: int, end: int) -> bool:
    """A subordinate clause opens between two tokens ("karena", "agar", "bukan hanya ... tetapi juga")."""
    subordinators = context.lang.subordinators
    return any(context.lower[j] in subordinators or f"{context.lower[j]} {context.lower[j + 1]}" in subordinators
               for j in range(start, end))


def named_person_before(context: DocumentContext, sentence: Sentence, index: int) -> Mention | None:
    """The nearest named person (not a bare title) before token `index`, within the reach of a subject."""
    start = sentence.tokens[0]
    for j in range(index - 1, max(start, index - MAX_SPEAKER_OFFSET) - 1, -1):
        if context.words[j] in QUOTE_TOKENS:
            return None
        mention = context.by_end.get(j)
        if mention is not None and mention.type == "Person" and not mention.title_only and mention.source != "pronoun":
            return mention
    return None


def unasserted(context: DocumentContext, sentence: Sentence, k: int) -> bool:
    """The speech verb at k is not asserted: non-finite ("untuk mengatakan"), under a modal or plan ("ingin
    memastikan", "akan mengumumkan"), or negated ("tidak pernah mengancam", "tak menyebut", "enggan memastikan")."""
    start = sentence.tokens[0]
    lang = context.lang
    previous = context.lower[k - 1] if k > start else ""
    if previous in lang.nonfinite_markers:
        return True
    window = [j for j in range(k - 1, max(start, k - NEGATION_REACH) - 1, -1)]
    for distance, j in enumerate(window, 1):
        if context.doc[j].is_punct or context.by_end.get(j) is not None:
            break  # the clause before the verb ends at punctuation or at its subject
        word = context.lower[j]
        if word in lang.negations or (distance <= MODAL_REACH and word in lang.modal_markers):
            return True
    return False


def has_complement(context: DocumentContext, end: int, stop: int) -> bool:
    """ "meyakinkan (mitranya) bahwa ...", "menjawab, ...": a complementizer, comma, colon or quote soon after the
    cue."""
    for j in range(end, min(end + COMPLEMENT_REACH, stop)):
        if context.lower[j] in context.lang.complementizers or context.words[j] in CONNECTING_MARKS \
                or context.words[j] in QUOTE_TOKENS:
            return True
        if context.doc[j].is_punct:
            return False
    return False


def predicate_joiner(context: DocumentContext, sentence: Sentence, k: int) -> int | None:
    """The joiner token before a second predicate ("dan menegaskan", ", seraya menambahkan", "dan juga
    menyerukan"), or None."""
    start = sentence.tokens[0]
    j = k - 1
    if j > start and context.lower[j] in context.lang.predicate_adverbs and context.by_end.get(j) is None:
        j -= 1  # "dan juga menyerukan"
    word = context.lower[j] if j >= start else ""
    if word in context.lang.coordinators or word in context.lang.statement_joiners:
        return j
    return None


def clause_subject(context: DocumentContext, sentence: Sentence, before: int) -> Mention | None:
    """The subject of the sentence's first clause: its first actor that is not a prepositional object, or a pronoun
    that comes first ("Ia menyinggung ... dan menekankan ...")."""
    start = sentence.tokens[0]
    for j in range(start, before):
        mention = context.by_start.get(j)
        if mention is not None and context.is_actor(mention) and not context.is_object(mention):
            return mention
        if context.lower[j] in context.lang.pronouns:
            return context.pronoun(sentence, j, j + 1)
    return None


def referring_phrase(context: DocumentContext, sentence: Sentence, k: int) -> tuple[int, int] | None:
    """ "Politikus NasDem ini menyebut", "Pria itu menambahkan": a person noun (or a bare title word), maybe with the
    name of an organization, and a demonstrative right before the cue refer back to the person last spoken of;
    returns the phrase's tokens. (A title with its country, "Presiden Iran ini", is left to resolution, which knows
    who holds it.)"""
    start = sentence.tokens[0]
    j = k - 1
    if j > start and context.lower[j] in context.lang.predicate_adverbs:
        j -= 1
    if j <= start or context.lang.speech_nouns.get(context.lower[j]) != "demonstrative":
        return None
    head = j - 1
    for _ in range(REFERRING_REACH):
        if head < start:
            return None
        mention = context.by_end.get(head)
        if mention is not None:
            if mention.type == "Person":
                return None
            head = mention.tokens[0] - 1  # "Politikus [NasDem] ini"
            continue
        word = context.lower[head]
        if word in context.lang.person_nouns or word in context.title_words:
            return head, j + 1
        if not context.words[head][:1].isupper():
            return None
        head -= 1  # "Politisi [Partai Republik] itu", a name not recognised
    return None


def previous_subject(context: DocumentContext, sentence: Sentence) -> Mention | None:
    """The person who opens the sentence before ("Trump juga ingin ... . Politisi Partai Republik itu mengaku"):
    a description with a demonstrative refers to the one the text spoke of last, who need not have spoken. None
    when that sentence opens otherwise (the phrase then stands for the last speaker)."""
    if sentence.index == 0:
        return None
    before = context.sentences[sentence.index - 1]
    start, stop = before.tokens
    if start in context.quoted(before):
        return None
    for j in range(start, stop):  # past the capitalised title words before the name ("Presiden AS Joe Biden")
        mention = context.by_start.get(j)
        if mention is not None and mention.type == "Person" and not mention.title_only:
            return mention.antecedent or mention
        if not context.words[j][:1].isupper():
            return None
    return None


def repeats_last_statement(context: DocumentContext, sentence: Sentence, attribution: Attribution,
                           draft: Draft) -> bool:
    """ "Hal itu disampaikan X", "Demikian dikatakan X", "X menyampaikan hal tersebut": a sentence that only names the
    speaker of the statement just before adds no content; it is that statement (which takes its date if it has
    none), not another one. Naming another speaker ("Demikian disampaikan Kemlu", after a sentence of what a
    minister did) attributes what was reported to that speaker: a statement of its own."""
    previous = context.last_statement
    if previous is None or sentence.index - previous.evidence.sentence_index > REFERENCE_REACH:
        return False
    if not refers_to_report(context, sentence, attribution.at, attribution.reading):
        return False
    if not same_person(context, previous.actors[0], draft.actors[0]):
        return False
    if previous.date is None and draft.date is not None:
        previous.date = draft.date
    return True


def refers_to_report(context: DocumentContext, sentence: Sentence, k: int, reading: Reading) -> bool:
    """What the cue reports is only a word that stands for what was just reported: "Hal itu disampaikan X",
    "Demikian disampaikan X" (before a passive cue), "X menyampaikan hal tersebut" (after a cue)."""
    nouns = context.lang.speech_nouns
    start, stop = sentence.tokens
    if reading.content[1] <= k:
        kinds = [nouns.get(context.lower[j]) for j in range(start, k) if not context.doc[j].is_punct]
        return kinds == ["proform"] or kinds in (["referent", "demonstrative"], ["noun", "demonstrative"])
    kinds = [nouns.get(context.lower[j]) for j in range(reading.end, min(reading.end + 2, stop))]
    return kinds in (["referent", "demonstrative"], ["noun", "demonstrative"])


def same_person(context: DocumentContext, a: Mention, b: Mention) -> bool:
    """Two speaker mentions name the same one: a pronoun's antecedent, or a name word in common ("Antony Blinken",
    "Menlu Blinken")."""
    a, b = a.antecedent or a, b.antecedent or b
    if a is b:
        return True
    names_a = {w.casefold() for w in a.text.split()} - context.title_words
    names_b = {w.casefold() for w in b.text.split()} - context.title_words
    return bool(names_a & names_b)


def after_dangling_attribution(context: DocumentContext, sentence: Sentence, reading: Reading) -> int:
    """Where the text after a dangling quotation's attribution goes on ("“Kami siap, kata X, Kamis (9/11).
    Menurut dia ..."): after the first sentence-final mark that a capitalised word follows; the splitter kept it in
    the sentence because the quotation was never closed."""
    stop = sentence.tokens[1]
    for j in range(reading.end, stop - 1):
        if context.words[j] in SENTENCE_FINAL and context.words[j + 1][:1].isupper():
            return j + 1
    return stop


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
    return context.past_before(sentence, cue_index, PAST_WINDOW)


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
    for expression in sentence_dates(context, sentence, future=False):
        if expression.start != start_char:
            continue
        k = c_start
        while k < c_end and context.start_char(k) - sentence.start < expression.end:
            k += 1
        if k < c_end and (connects(context, k) or context.words[k] in QUOTE_MARKS + "”"):
            return skip_connectors(context, k, c_end)
    return c_start


def object_hearer(context: DocumentContext, reading: Reading, stop: int) -> Mention | None:
    """The addressee a cue takes as its object ("memberi tahu Presiden Xi Jinping bahwa ..."), if it has one."""
    if reading.cue.hearer != "object":
        return None
    hearer = speaker_after(context, reading.end - 1, stop)
    if hearer is None or not names_agent(context, reading.end - 1, hearer) or is_outlet(context, hearer):
        return None
    return hearer


def make_statement(context: DocumentContext, sentence: Sentence, attribution: Attribution,
                   quotes: list[tuple[int, int]]) -> Draft:
    reading, speaker, cue_index = attribution.reading, attribution.speaker, attribution.at
    cue = reading.cue
    c_start, c_end = attribution.content
    hearer = object_hearer(context, reading, sentence.tokens[1])
    if hearer is not None and c_start == reading.end:
        c_start = hearer.tokens[1]  # "memberi tahu Xi bahwa ...": who was told is not what was said
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
    date = statement_date(context, sentence, cue_index, span_chars)
    about = [m for m in context.mentions
             if c_start <= m.tokens[0] < c_end and m.type in ("Person", "Organization", "Country")
             and m is not speaker]
    if hearer is not None:  # "memberi tahu Presiden Xi (bahwa) ..."
        addressees = [hearer]
    else:
        addressees = [m for m in addressee_after(context, speaker.tokens[1] if speaker.tokens[0] > cue_index
                                                 else reading.end, sentence.tokens[1]) if not is_outlet(context, m)]
    return context.draft("statement", sentence, cue_index, reading.end, [speaker], addressees=addressees,
                         about=about, date=date,
                         attrs={"speech_act": cue.act, "cameo": cue.cameo,
                                "refers_back": refers_back(context, sentence, cue_index),
                                "past": past_aspect(context, sentence, cue_index),
                                "quote": text.strip("“”\"« »,.") if quote else None,
                                "content": None if quote else (text or None)})
