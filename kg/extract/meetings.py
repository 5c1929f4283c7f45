"""Meetings: who met, called or visited whom, where, when, how, and whether it happened.

Triggers, modes, status words and the words around a trigger come from the language data. A meeting has two
sides:
- the subject side: the subject of a trigger verb ("X bertemu Y") or of a light verb governing a meeting noun
  ("X membatalkan pertemuan dengan Y"), with the actors coordinated to it ("X dan Y bertemu", "Presiden A, X, dan
  Presiden B, Y, bertemu"); after a subordinator the implied subject of the main clause ("X ... sebelum melakukan
  pertemuan dengan Y"); the clause's subject around a meeting noun set as a frame ("kata X dalam pertemuan dengan
  Y", "X mengatakan setelah pembicaraan dengan Y") or the subject after a fronted phrase ("Dalam panggilan telepon
  dengan Y, X ...", "Berbincang via telepon, X dan Y ...");
- the counterparts: the actors named right after the trigger ("bertemu Putin", "pertemuan Prabowo dan Megawati",
  "pembicaraan Rusia-NATO"), after "dengan"/"antara" later in the clause, through titles, brackets, counterpart
  nouns and quantifiers ("bertemu timpalannya Menlu Iran X", "dengan Menlu Indonesia (RI) X", "mengunjungi
  beberapa pejabat seperti Ketua DPR X"); for a visit without one, the country visited ("berkunjung ke X").
A call, contact or visit with several counterparts is one meeting per counterpart; a meeting noun whose only
actor after it is an organization names the body that holds it ("pertemuan DK PBB"), not an attendee, and so
does the organization inside an event name ("KTT G20").
Place: "di <Place>" after the trigger. Status: cancelled beats planned beats held.
A meeting needs two participants. Resolution completes the ones the sentence gives fewer: "kedua pemimpin" are
the parties of the meeting reported before, and a meeting noun with one party ("Dalam pertemuan itu, X ...")
refers back to the talks of that party reported before (see kg.resolve.merge_meetings).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..dating import date_near
from ..lang import LanguageData, MeetingTrigger
from ..model import Mention, Sentence
from . import ACTOR_TYPES, QUOTE_MARKS, DocumentContext, Draft

WINDOW = 14  # tokens after a trigger searched for participants, place and mode
STATUS_BEFORE = 6  # tokens before a trigger searched for status words ("membatalkan pertemuan")
STATUS_BEFORE_NEXT = 2  # words right before the next trigger modify that trigger
SUBJECT_REACH = 20  # tokens before a frame word searched for the clause's subject
PARTNER_REACH = 12  # tokens before a frame word searched for "dengan Y" ("membahas ... dengan Y dalam pertemuan")
PLURAL_REACH = 3  # tokens before the governing verb where "kedua pemimpin (itu)" stands
DEMONSTRATIVE_REACH = 3  # tokens after a meeting noun where "itu"/"tersebut" stands ("pertemuan dua menlu ini")
APPOSITION_REACH = 10  # tokens an apposition may hold ("X, Kepala Biro Politik gerakan Hamas, ...")
PURPOSE_REACH = 3  # tokens between "untuk" and the verb it governs ("untuk segera memulai negosiasi")
MUTUAL_REACH = 4  # tokens between a mutual verb and its subject ("Rusia dan Turki akan terus membahas")
BRACKET_REACH = 6  # tokens a bracket may hold inside a name phrase ("Menlu Indonesia (RI) Retno Marsudi")
PAST_BEFORE = 2  # tokens before a trigger (or its light verb) where a past marker stands ("telah bertemu")
FRAME_OPENING = 3  # a fronted phrase's frame word stands among the sentence's first words ("Tak lama setelah ...")
PLANNED_CAMEO = "036"
VISIT_CAMEO = "042"
DASHES = ("-", "–")
CLAUSE_ENDS = (",", ";", ".", "!", "?")  # a sentence may hold two when a quotation does


@dataclass
class Sides:
    """The two sides of a meeting as one sentence gives them."""

    subjects: list[Mention] = field(default_factory=list)
    groups: list[list[Mention]] = field(default_factory=list)  # counterparts, one list per "dengan" phrase
    plural: bool = False  # "kedua pemimpin": the parties of the meeting reported before
    reference: bool = False  # "X ... menjelang pembicaraan": names the parties only
    destination: bool = False  # the counterpart is the country visited
    phrase_end: int = 0  # the token after the counterparts' phrase

    def counterparts(self) -> list[Mention]:
        return [mention for group in self.groups for mention in group]


@lru_cache(maxsize=8)
def trigger_index(lang: LanguageData) -> dict[str, list[tuple[list[str], MeetingTrigger]]]:
    """Triggers by their first word (a final "-nya" stripped), longest first."""
    index: dict[str, list[tuple[list[str], MeetingTrigger]]] = {}
    for trigger in lang.meeting_triggers:
        words = trigger.form.casefold().split()
        index.setdefault(words[0], []).append((words, trigger))
    for entries in index.values():
        entries.sort(key=lambda item: len(item[0]), reverse=True)
    return index


def match_trigger(context: DocumentContext, k: int, stop: int) -> tuple[int, MeetingTrigger] | None:
    first = context.lower[k]
    index = trigger_index(context.lang)
    for words, trigger in index.get(first) or index.get(context.lang.without_clitic(first)) or ():
        end = k + len(words)
        if end > stop:
            continue
        tokens = [context.lower[i] for i in range(k, end)]
        last = tokens[-1]
        if tokens[:-1] == words[:-1] and (last == words[-1] or context.lang.without_clitic(last) == words[-1]):
            return end, trigger
    return None


def meetings_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    start, stop = sentence.tokens
    index = trigger_index(context.lang)
    candidates = context.positions("meeting", index, index, sentence)  # the only tokens where match_trigger finds one
    if not candidates:
        return []
    triggers: list[tuple[int, int, MeetingTrigger]] = []
    k = start
    for candidate in candidates:
        if candidate < k:
            continue  # inside the trigger before
        found = match_trigger(context, candidate, stop)
        if found and (found[1].kind != "mutual" or mutual_parties(context, sentence, candidate)):
            triggers.append((candidate, found[0], found[1]))
            k = found[0]
    drafts: list[Draft] = []
    for n, (k, end, trigger) in enumerate(triggers):
        # what follows a trigger belongs to it up to the next trigger ("pembicaraan X di A dan pertemuan Y di B")
        following = triggers[n + 1][0] if n + 1 < len(triggers) else None
        scope = (triggers[n - 1][1] if n else start, following or stop,
                 max(end, following - STATUS_BEFORE_NEXT) if following else stop)
        for draft in build_meetings(context, sentence, k, end, trigger, scope):
            if not any(same_meeting(draft, other) for other in drafts):
                drafts.append(draft)
    # "X berkunjung ke Indonesia dan bertemu dengan Y": a visit that includes a named meeting is that meeting
    return [draft for draft in drafts if not (draft.attrs.get("destination") and any(
        not other.attrs.get("destination") and any(draft.actors[0] is m for m in other.actors) for other in drafts))]


def mutual_parties(context: DocumentContext, sentence: Sentence, k: int) -> bool:
    """A mutual verb ("membahas") has two parties as its subject, or "kedua ..." (a verb that is no meeting here
    must not take the words after it from the trigger before: "bertemu X untuk membahas Y, Rabu")."""
    if len(clause_subjects(context, sentence, k, k in context.quoted(sentence), MUTUAL_REACH)) >= 2:
        return True
    return any(marker(context, j) == "plural" for j in range(max(sentence.tokens[0], k - PLURAL_REACH), k))


def marker(context: DocumentContext, k: int) -> str | None:
    """The role of token k around a meeting trigger (a final "-nya" stripped: "timpalannya")."""
    word = context.lower[k]
    markers = context.lang.meeting_markers
    return markers.get(word) or markers.get(context.lang.without_clitic(word))


def participants_for(context: DocumentContext, sentence: Sentence, k: int, end: int,
                     trigger: MeetingTrigger, scope: tuple[int, int, int]) -> Sides:
    start, stop = sentence.tokens
    window_stop = min(scope[1], end + WINDOW)
    sides = Sides()
    quoted = k in context.quoted(sentence)  # inside a quotation only the quotation's own words count
    # the subject side: of the trigger verb, of a light verb governing the meeting noun, or of the clause a meeting
    # noun is the frame of ("kata X dalam pertemuan dengan Y")
    head = None
    if trigger.kind in ("verb", "host", "mutual"):
        head = k
    elif k - 1 >= start and context.lower[k - 1] in context.lang.light_verbs:
        head = k - 1
    if head is not None:
        sides.subjects = clause_subjects(context, sentence, head, quoted,
                                         MUTUAL_REACH if trigger.kind == "mutual" else 12)
        sides.plural = not sides.subjects and any(marker(context, j) == "plural"
                                                  for j in range(max(start, head - PLURAL_REACH), head))
    elif k - 1 > start and marker(context, k - 1) in ("frame", "frame-before") and not quoted:
        sides.subjects, partners = frame_sides(context, sentence, k - 1)
        sides.groups += partners
        sides.reference = marker(context, k - 1) == "frame-before"
    framed = k - 1 > start and marker(context, k - 1) in ("frame", "frame-before")
    if quoted and not sides.subjects and (trigger.kind == "verb" or framed):
        sides.subjects = quotation_speaker(context, sentence, k)
    if trigger.kind == "mutual":
        return sides  # "A dan B membahas X": its object is the topic, never a party
    if trigger.kind == "passive":  # "perjanjian itu akan ditandatangani ... oleh A, B dan C"
        agent = next((i for i in range(end, window_stop) if marker(context, i) == "agent"), None)
        sides.subjects = [m for g in counterpart_groups(context, sentence, agent + 1, scope[1]) for m in g] \
            if agent is not None else []
        return sides
    # counterparts right after the trigger: "bertemu Putin", "pertemuan Prabowo dan Megawati", "pembicaraan Rusia-NATO"
    j = end
    while j < window_stop and marker(context, j) == "skip":
        j += 1
    if j < window_stop and marker(context, j) == "reflexive" and sides.subjects:
        # "Y menyebut X menelepon dirinya": the reporting clause's subject Y
        reporter = context.subject_before(sentence, phrase_start(context, sentence, sides.subjects[0]))
        sides.groups += [[reporter]] if reporter is not None else []
    else:
        after, sides.phrase_end = scan_counterparts(context, sentence, j, scope[1])  # a list may run past the window
        if trigger.kind == "noun" and len(after) == 1 and len(after[0]) == 1 and after[0][0].type == "Organization":
            after = []  # "pertemuan DK PBB", "KTT ASEAN": the body that holds the meeting, not an attendee
        if trigger.kind == "noun" and trigger.cameo == VISIT_CAMEO and not sides.subjects:
            sides.subjects = [m for group in after for m in group]  # "lawatan X ke Y": X is the visitor
        else:
            sides.groups += after
    # counterparts after "dengan"/"antara" later in the clause: "bertemu Rabu di Warsawa dengan utusan Jerman"
    for i in range(end, window_stop):
        if context.words[i] in ",;":
            break
        if marker(context, i) in ("with", "between"):
            if i + 1 < window_stop and marker(context, i + 1) == "plural":
                sides.plural = True  # "pembicaraan antara kedua pemimpin"
            groups, phrase_end = scan_counterparts(context, sentence, i + 1, scope[1], marker(context, i) == "between")
            sides.groups += groups
            sides.phrase_end = max(sides.phrase_end, phrase_end)
            break
    if trigger.cameo == VISIT_CAMEO and not sides.groups:
        sides.groups += destination(context, end, window_stop)
        sides.destination = bool(sides.groups)
    fronted_subjects(context, sentence, k, end, sides)
    return sides


def clause_subjects(context: DocumentContext, sentence: Sentence, head: int, quoted: bool = False,
                    reach: int = 12) -> list[Mention]:
    """The subject of the verb at `head` and the actors coordinated to it. After a subordinator inside the sentence
    ("... sebelum melakukan pertemuan", "untuk bertemu") the verb has the main clause's subject. In a quotation a
    pronoun is not the last speaker ("dia akan bertemu ..." in someone's words)."""
    start = sentence.tokens[0]
    if head - 1 > start and marker(context, head - 1) in ("frame", "frame-before") and not quoted:
        subject = main_actor(context, sentence, head - 1)
        return subject_group(context, sentence, subject, head - 1) if subject is not None else []
    # also after "untuk": "X datang untuk bertemu Y" is X's, "X meminta Y untuk bertemu" is Y's
    subject = apposed(context, sentence, head) or subject_of(context, sentence, head, reach)
    if subject is None or not plain_actor(context, subject) or (quoted and subject.source == "pronoun"):
        return []
    return [*coordinated_before(context, sentence, subject), subject]


def quotation_speaker(context: DocumentContext, sentence: Sentence, head: int) -> list[Mention]:
    """A quotation that opens with a clause without a subject ("“Membahas Gaza lewat telepon dengan Menlu X,” ujar
    Y"): the speaker reports what they did, so a meeting in it is the speaker's (the speaker of the sentence's
    statement)."""
    statement = context.last_statement
    if statement is None or statement.evidence.sentence_index != sentence.index or not statement.actors:
        return []
    span = next(((a, b) for a, b in context.quotes(sentence) if a <= head < b), None)
    if span is None:
        return []
    first = span[0] + 1 if context.words[span[0]] in QUOTE_MARKS or context.words[span[0]] == "”" else span[0]
    if first in context.by_start or context.lower[first] in context.title_words or marker(context, first) in (
            "frame", "frame-before") or context.lower[first] in context.lang.prepositions:
        return []  # "“Presiden Jokowi bertemu ...”", "“Pada lawatan itu, X ...”": the quotation names its subject
    if any(context.lower[j] in context.lang.pronouns or context.lower[j] in context.lang.plural_pronouns
           for j in range(first, head)):
        return []  # "“Kami membahas ...”": a subject the sentence names, only not as an actor
    speaker = statement.actors[0]
    return [speaker] if speaker.source != "pronoun" or speaker.antecedent is not None else []


def subject_of(context: DocumentContext, sentence: Sentence, head: int, reach: int) -> Mention | None:
    """The nearest actor before the verb at `head` that is not a prepositional object (a name right before the verb
    is its subject even so: "dengan AS menolak"); "delegasi Rusia" and "pejabat AS" take part as Rusia and AS.
    A pronoun is the last named speaker."""
    start = sentence.tokens[0]
    k = head - 1
    while k >= start and head - k <= reach:
        mention = context.by_end.get(k)
        if mention is not None:
            if plain_actor(context, mention) and (mention.tokens[1] == head
                                                  or not after_preposition(context, mention)):
                return mention
            k = mention.tokens[0] - 1
            continue
        if context.lower[k] in context.lang.pronouns:
            return context.pronoun(sentence, k, k + 1)
        if context.words[k] in QUOTE_MARKS or context.words[k] == "”":
            return None
        k -= 1
    return None


def after_preposition(context: DocumentContext, mention: Mention) -> bool:
    """The mention is a prepositional object ("di Jenewa", "kepada X"); a passive's agent is not ("disampaikan oleh
    X dalam pertemuan": X speaks there)."""
    k = phrase_start(context, context.sentences[mention.sentence], mention) - 1
    return k >= 0 and context.lower[k] in context.lang.prepositions and marker(context, k) != "agent"


def apposed(context: DocumentContext, sentence: Sentence, head: int) -> Mention | None:
    """The named person an apposition describes right before the verb: "Ismail Haniyeh, Kepala Biro Politik Hamas,
    menelepon ..." is Haniyeh's call, not Hamas's."""
    start = sentence.tokens[0]
    if head - 1 <= start or context.words[head - 1] != ",":
        return None
    for i in range(head - 2, max(start, head - 2 - APPOSITION_REACH), -1):
        if context.words[i] in CLAUSE_ENDS:
            mention = context.by_end.get(i - 1)
            return mention if named(mention) and plain_actor(context, mention) else None
    return None


def frame_sides(context: DocumentContext, sentence: Sentence, frame: int) -> tuple[list[Mention], list[list[Mention]]]:
    """The sides of a meeting noun set as a frame inside a clause: the clause's subject, and a partner named with
    "dengan" before the frame ("X membahas ... dengan Y dalam pertemuan di Riyadh")."""
    start = sentence.tokens[0]
    partners: list[list[Mention]] = []
    for i in range(frame - 1, max(start, frame - PARTNER_REACH) - 1, -1):
        if context.words[i] in ",;":
            break
        if marker(context, i) in ("with", "between"):
            partners = counterpart_groups(context, sentence, i + 1, frame)
            break
    subject = main_actor(context, sentence, frame)
    if subject is None:
        return [], partners
    return subject_group(context, sentence, subject, frame), partners


def subject_group(context: DocumentContext, sentence: Sentence, subject: Mention, stop: int) -> list[Mention]:
    """A subject with the actors coordinated to it on both sides: "A dan B ...", up to token `stop`."""
    group = [*coordinated_before(context, sentence, subject), subject]
    k = subject.tokens[1]
    if k < stop and context.lang.coordinators.get(context.lower[k]) == "both" and context.words[k] != ",":
        group += [m for g in counterpart_groups(context, sentence, k, stop) for m in g if named_or_actor(m)]
    return unique(group)


def named_or_actor(mention: Mention) -> bool:
    return mention.source not in ("title-org", "event-org")


def fronted_subjects(context: DocumentContext, sentence: Sentence, k: int, end: int, sides: Sides) -> None:
    """A fronted phrase: "Dalam panggilan telepon dengan Y, X ...", "Berbincang via telepon, X dan Y membahas ...":
    the actors after the comma take part, unless the phrase names two persons already ("Setelah pertemuan A dengan
    B, C mengatakan": C only reports it)."""
    start, stop = sentence.tokens
    # the trigger opens the sentence, or a frame word just before it does ("Dan dalam panggilan ...", "Tak lama
    # setelah berbicara ...")
    opens = k == start or any(marker(context, f) in ("frame", "frame-before") for f in range(max(start, k - 2), k))
    if not opens or any(context.words[i] == "," or i in context.by_start for i in range(start, k)):
        return
    if sum(m.type == "Person" for m in (*sides.subjects, *sides.counterparts())) >= 2:
        return
    comma = next((i for i in range(max(end, sides.phrase_end), stop) if context.words[i] == ","), None)
    if comma is None or comma + 1 >= stop:
        return
    for group in counterpart_groups(context, sentence, comma + 1, stop):
        sides.subjects += [m for m in group if all(m is not s for s in sides.subjects)]


def main_actor(context: DocumentContext, sentence: Sentence, before: int) -> Mention | None:
    """The first actor of the sentence before token `before` that is not a prepositional object nor quoted: the
    subject a subordinate clause or a frame shares ("X ... sebelum melakukan pertemuan")."""
    quoted = context.quoted(sentence)
    start = sentence.tokens[0]
    for k in range(start, before):
        mention = context.by_start.get(k)
        if mention is not None and k not in quoted and plain_actor(context, mention) \
                and not after_preposition(context, mention):
            return mention
    return None


def plain_actor(context: DocumentContext, mention: Mention) -> bool:
    """An actor that can take part in a meeting: not a title's or an event's organization ("Presiden Rusia X",
    "KTT G20")."""
    return context.is_actor(mention) and mention.source != "event-org"


def phrase_start(context: DocumentContext, sentence: Sentence, mention: Mention) -> int:
    """The first token of the name phrase a mention ends: its titles, the title's country or organization, a bracket
    and an appositive comma ("Presiden Turki, Recep Tayyip Erdogan", "Menlu Indonesia (RI) Retno Marsudi")."""
    start = sentence.tokens[0]
    k = mention.tokens[0]
    while k - 1 >= start:
        before = context.by_end.get(k - 1)
        word = context.words[k - 1]
        if before is not None and before.source == "title-org":
            k = before.tokens[0]
        elif context.lower[k - 1] in context.title_words:
            k -= 1
        elif word == "(" and k - 2 >= start and context.by_end.get(k - 2) is not None:
            k = context.by_end[k - 2].tokens[0]  # "Joko Widodo (Jokowi)": the name the bracket glosses
        elif word == ")":
            opening = next((i for i in range(k - 2, max(start, k - 2 - BRACKET_REACH) - 1, -1)
                            if context.words[i] == "("), None)
            if opening is None:
                break
            k = opening
        elif word == "," and k - 2 >= start and (context.lower[k - 2] in context.title_words or (
                context.by_end.get(k - 2) is not None and context.by_end[k - 2].source == "title-org")):
            k -= 1  # "Presiden Turki, Recep Tayyip Erdogan": the comma of an apposition
        else:
            break
    return k


def coordinated_before(context: DocumentContext, sentence: Sentence, subject: Mention) -> list[Mention]:
    """Actors joined to a subject by "dan"/"serta": "X dan Y bertemu", "dia dan X berkomunikasi",
    "Presiden Prancis, Emmanuel Macron, dan Kanselir Jerman, Olaf Scholz, bertemu"."""
    start = sentence.tokens[0]
    found: list[Mention] = []
    k = phrase_start(context, sentence, subject) - 1
    joined = False  # a "dan" crossed: commas before it enumerate ("A, B dan C")
    frame_end = fronted_end(context, sentence)
    while k > start:
        if context.lang.coordinators.get(context.lower[k]) == "both" and context.words[k] != ",":
            joined = True
        elif not (context.words[k] == "," and joined and k != frame_end):
            break  # "Dalam pertemuan A-B, X dan Y membahas": the comma closes a fronted phrase
        j = k - 1
        if context.words[k] != "," and context.words[j] == "," and j > start:
            j -= 1  # the comma closing an apposition: "Presiden Rusia, Vladimir Putin, dan ..."
        mention = context.by_end.get(j)
        if mention is None and context.lower[j] in context.lang.pronouns:
            mention = context.pronoun(sentence, j, j + 1)
            if mention is not None:
                found.append(mention)
            break
        if mention is None or not plain_actor(context, mention) or after_preposition(context, mention):
            break
        found.append(mention)
        k = phrase_start(context, sentence, mention) - 1
    return found[::-1]


def fronted_end(context: DocumentContext, sentence: Sentence) -> int | None:
    """The comma closing a fronted phrase ("Dalam pertemuan A-B, X ...", "Setelah bertemu A, X ..."): the sentence's
    first comma when a frame word or a preposition opens the sentence."""
    start, stop = sentence.tokens
    opening = range(start, min(stop, start + FRAME_OPENING))
    if context.lower[start] not in context.lang.prepositions and not any(
            marker(context, i) in ("frame", "frame-before") and not any(j in context.by_start for j in range(start, i))
            for i in opening):
        return None
    return next((i for i in range(start, stop) if context.words[i] == ","), None)


def counterpart_groups(context: DocumentContext, sentence: Sentence, k: int, stop: int,
                       between: bool = False) -> list[list[Mention]]:
    return scan_counterparts(context, sentence, k, stop, between)[0]


def scan_counterparts(context: DocumentContext, sentence: Sentence, k: int, stop: int,
                      between: bool = False) -> tuple[list[list[Mention]], int]:
    """The actors named from token k, and the token where their phrase ends: an enumeration of name phrases ("A, B
    dan C"), each phrase giving one actor (its named person, else its titled office, else its country or
    organization: "Presiden Terpilih AS (Amerika Serikat) Joe Biden" is Biden, "menteri luar negeri Arab Saudi"
    is Arab Saudi). Each repeated "dengan" opens a new group ("dengan A, dan dengan B"); after "antara" (between) it
    joins the second party ("antara A dengan B"). A list inside a fronted phrase ends with it."""
    groups: list[list[Mention]] = [[]]
    phrase: list[Mention] = []
    open_comma: int | None = None  # items in the last group after a comma that no "dan" has closed the list of
    open_at = k  # where that comma stands
    frame_end = fronted_end(context, sentence)

    def close() -> None:
        head = phrase_head(context, phrase)
        if head is not None and all(head is not m for g in groups for m in g):
            groups[-1].append(head)
        phrase.clear()

    while k < stop:
        mention = context.by_start.get(k)
        if mention is not None:
            if mention.type not in ACTOR_TYPES:
                break  # a place or an event ends the phrase: "bertemu Putin di Moskow"
            phrase.append(mention)
            k = mention.tokens[1]
            continue
        word = context.lower[k]
        if word == "(":
            closing = next((i for i in range(k + 1, min(stop, k + 1 + BRACKET_REACH)) if context.words[i] == ")"),
                           None)
            if closing is None:
                break
            k = closing + 1
            continue
        if context.lang.coordinators.get(word) == "both" or word in DASHES:
            if word == "," and phrase and not any(named(m) for m in phrase) and named(context.by_start.get(k + 1)):
                k += 1  # "Menlu Brunei Darussalam, Dato Erywan": an apposition, the same phrase
                if frame_end == k - 1:
                    frame_end = next((i for i in range(k, stop) if context.words[i] == ","), None)
                continue
            if k == frame_end:
                break
            close()
            if word == "," and open_comma is None:
                open_comma, open_at = len(groups[-1]), k
            elif word not in DASHES:
                open_comma = None  # "A, B dan C": the list goes on to C
            k += 1
            if k < stop and marker(context, k) == "with":
                open_comma = None
                groups.append([])  # "..., dan dengan Menteri X": another counterpart
                k += 1
            continue
        if marker(context, k) == "origin" and phrase and context.by_start.get(k + 1) is not None \
                and context.by_start[k + 1].type in ("Country", "Organization"):
            k += 1  # "PM Othman Jerandi dari Tunisia", "delegasi dari Rusia": the same phrase
            continue
        if between and phrase and marker(context, k) == "with":
            close()  # "antara A dengan B"
            k += 1
            continue
        if word in context.title_words or word in context.lang.generic_nouns or marker(context, k) == "skip":
            k += 1
            continue
        break
    close()
    if open_comma is not None:  # "dengan Jokowi, Menlu Retno mengatakan": a comma without "dan" ends the list
        del groups[-1][open_comma:]
        k = open_at
    return [group for group in groups if group], k


def named(mention: Mention | None) -> bool:
    return mention is not None and mention.type == "Person" and not mention.title_only and mention.source != "pronoun"


def phrase_head(context: DocumentContext, phrase: list[Mention]) -> Mention | None:
    """The actor a name phrase stands for: its named person, else a titled office, else its country or organization
    (a title's country counts where no holder is named: "menteri luar negeri Arab Saudi")."""
    candidates = [m for m in phrase if m.type in ACTOR_TYPES and m.source != "event-org"]
    for test in (named, lambda m: m.type == "Person"):
        person = next((m for m in reversed(candidates) if test(m)), None)  # the name ends the phrase
        if person is not None:
            return person
    return candidates[0] if candidates else None


def destination(context: DocumentContext, end: int, stop: int) -> list[list[Mention]]:
    """The country a visit goes to: "berkunjung ke Indonesia", "lawatan X ke Indonesia"."""
    for j in range(end, stop - 1):
        if context.words[j] in ",;":
            break
        if marker(context, j) == "destination":
            mention = context.by_start.get(j + 1)
            if mention is not None and mention.type == "Country" and mention.source != "title-org":
                return [[mention]]
    return []


def meeting_status(context: DocumentContext, k: int, end: int, scope: tuple[int, int, int]) -> str:
    """Cancelled or planned when a status word stands near the trigger in its own scope, else held."""
    before = range(max(scope[0], k - STATUS_BEFORE), k)
    # after the trigger: its own phrase only, up to a comma, leaving the words that open the next trigger's phrase
    # ("bertemu ... tentang prospek pertemuan lain": "prospek" belongs to the second meeting)
    limit = min(scope[2], end + WINDOW)
    comma = next((j for j in range(end, limit) if context.words[j] in CLAUSE_ENDS), limit)
    after = range(end, comma)
    # the trigger's own words count too ("mengundang": an invitation is to a meeting still to come)
    found = {context.lang.meeting_status.get(context.lower[j]) for j in (*before, *range(k, end), *after)}
    if "cancelled" in found:
        return "cancelled"
    return "planned" if "planned" in found else "held"


def build_meetings(context: DocumentContext, sentence: Sentence, k: int, end: int,
                   trigger: MeetingTrigger, scope: tuple[int, int, int]) -> list[Draft]:
    """The meetings of one trigger (one per counterpart for calls, contacts and visits).
    scope: (start, end, status end): the tokens that belong to this trigger."""
    start, stop = sentence.tokens
    if trigger.kind == "host" and not guest_after(context, end, min(scope[1], end + WINDOW)):
        return []  # "menerima anggota baru" accepts; only "menerima Presiden X" hosts a meeting
    if appealed(context, sentence, k):
        return []  # "X mendesak A dan B untuk segera memulai negosiasi": a call for talks, not a meeting
    sides = participants_for(context, sentence, k, end, trigger, scope)
    status = meeting_status(context, k, end, scope)
    inviter = invitation(context, sentence, k)
    if inviter is not None and all(inviter is not m for m in sides.subjects):
        sides.subjects.insert(0, inviter)
        status = "planned" if status == "held" else status
    participants = unique([*sides.subjects, *sides.counterparts()])
    if trigger.kind in ("mutual", "passive") and len(participants) < 2 and not sides.plural:
        return []  # "Retno membahas konflik Iran dengan Israel" is no meeting; "Rusia dan Turki membahas" is
    completion = "plural" if sides.plural else "reference" if sides.reference else None
    if k in context.quoted(sentence):
        completion = None  # a quotation's "kedua pemimpin" or "pertemuan itu" may point anywhere
    if len(participants) < 2 and completion is None:
        if trigger.kind != "noun" or k in context.quoted(sentence):
            return []
        if not participants and definite(context, sentence, k, end):
            completion = "definite"  # "Pertemuan tersebut berlangsung ...": the meeting reported last
        elif len(sides.subjects) == 1 and not sides.counterparts():
            completion = "anaphoric"  # "Dalam pertemuan itu, X ...": the talks of X reported before
        else:
            return []
    window_stop = min(scope[1], end + WINDOW)
    place = context.place_after(end, window_stop)
    mode = trigger.mode
    for j in range(max(scope[0], k - 3), window_stop):
        mode = context.lang.meeting_modes.get(context.lower[j], mode)
    words = {context.lower[j] for j in range(start, stop)}
    future = status == "planned" or bool(words & context.lang.future_markers)
    date = date_near(context, sentence, k, end, scope[:2], future)
    published = context.published
    if status == "held" and date is not None and published is not None and date.precision == "day" \
            and date.value > published.isoformat():
        status = "planned"  # a meeting dated after the report cannot have been held yet
    attrs = {"status": status, "mode": mode, "cameo": PLANNED_CAMEO if status == "planned" else trigger.cameo,
             "completion": completion, "destination": "yes" if sides.destination else None,
             "past": told_as_past(context, sentence, k)}
    draft = context.draft("meeting", sentence, k, end, participants, place=place, date=date, attrs=attrs)
    units = [[m] for m in sides.counterparts()] if trigger.each else sides.groups
    if not sides.subjects or len(units) < 2:
        return [draft]
    # "menelepon A dan B", "panggilan telepon dengan A, dan dengan B": one meeting per counterpart
    return [replace(draft, id=draft.id if n == 0 else f"{draft.id}-{n + 1}", actors=unique([*sides.subjects, *unit]),
                    attrs=dict(attrs)) for n, unit in enumerate(units)]


def told_as_past(context: DocumentContext, sentence: Sentence, k: int) -> bool:
    """ "X telah/pernah bertemu Y", "sudah melakukan pembicaraan": the meeting lies before what the article reports."""
    start = sentence.tokens[0]
    head = k - 1 if k - 1 >= start and context.lower[k - 1] in context.lang.light_verbs else k
    return context.past_before(sentence, head, PAST_BEFORE)


def definite(context: DocumentContext, sentence: Sentence, k: int, end: int) -> bool:
    """A meeting noun that points back: with a demonstrative ("pertemuan tersebut", "kunjungan ini") or as the
    subject opening the sentence ("Pembicaraan berlangsung tiga jam")."""
    if k == sentence.tokens[0]:
        return True
    for j in range(end, min(sentence.tokens[1], end + DEMONSTRATIVE_REACH)):
        if context.words[j] in CLAUSE_ENDS:
            break
        if marker(context, j) == "demonstrative":
            return True
    return False


def unique(mentions: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    for mention in mentions:
        if all(mention is not other for other in found):
            found.append(mention)
    return found


def guest_after(context: DocumentContext, end: int, stop: int) -> bool:
    """A person named right after a hosting verb, through titles: "menerima (Perdana Menteri) X"."""
    guests = context.actors_after(end, stop)
    return bool(guests) and guests[0].type == "Person" and not guests[0].title_only


def invitation(context: DocumentContext, sentence: Sentence, k: int) -> Mention | None:
    """"X memanggil/mengundang Y untuk bersidang": the inviter X takes part in the meeting it calls."""
    if k - 1 < sentence.tokens[0] or context.lower[k - 1] not in context.lang.nonfinite_markers:
        return None
    for j in range(k - 2, max(sentence.tokens[0], k - 2 - WINDOW) - 1, -1):
        if context.lang.meeting_markers.get(context.lower[j]) == "invite":
            return context.subject_before(sentence, j)
    return None


def appealed(context: DocumentContext, sentence: Sentence, k: int) -> bool:
    """The meeting at token k is what someone urges others to hold: "mendesak A dan B untuk (segera) (memulai)
    negosiasi", "menyerukan X untuk berunding"."""
    start = sentence.tokens[0]
    head = k - 1 if k - 1 >= start and context.lower[k - 1] in context.lang.light_verbs else k
    purpose = next((j for j in range(head - 1, max(start, head - PURPOSE_REACH) - 1, -1)
                    if context.lower[j] in context.lang.nonfinite_markers), None)
    if purpose is None:
        return False
    for j in range(purpose - 1, max(start, purpose - 1 - WINDOW) - 1, -1):
        if context.words[j] in CLAUSE_ENDS:
            return False
        if marker(context, j) == "appeal":
            return True
    return False


def same_meeting(a: Draft, b: Draft) -> bool:
    return {id(m) for m in a.actors} == {id(m) for m in b.actors}
