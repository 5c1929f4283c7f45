"""Meetings: who met, called or visited whom, where, when, how, and whether it happened.

Triggers, modes and status words come from the language data. Participants are:
- for verb triggers ("X bertemu Y", "X berbicara dengan Y"): the clause subject and the objects;
- for noun triggers ("pertemuan X", "pembicaraan Rusia-NATO", "KTT ..."): the actors right after the
  noun, after "dengan"/"antara", the subject of a light verb ("X membatalkan pertemuan dengan Y"),
  and the subject after a fronted phrase ("Dalam panggilan telepon dengan Y, X ...").
Place: "di <Place>" after the trigger. Status: cancelled beats planned beats held.
A meeting needs two participants, or one with a place or a date.
"""
from __future__ import annotations

from functools import lru_cache

from ..lang import LanguageData, MeetingTrigger
from ..model import Mention, Sentence
from . import DocumentContext, Draft

WINDOW = 14  # tokens after a trigger searched for participants, place and mode
STATUS_BEFORE = 6  # tokens before a trigger searched for status words ("membatalkan pertemuan")
STATUS_BEFORE_NEXT = 2  # words right before the next trigger modify that trigger
PLANNED_CAMEO = "036"


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
    for words, trigger in index.get(first) or index.get(first.removesuffix("nya")) or ():
        end = k + len(words)
        if end > stop:
            continue
        tokens = [context.lower[i] for i in range(k, end)]
        last = tokens[-1]
        if tokens[:-1] == words[:-1] and (last == words[-1] or (last.endswith("nya") and last[:-3] == words[-1])):
            return end, trigger
    return None


def meetings_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    start, stop = sentence.tokens
    index = trigger_index(context.lang)
    candidates = context.positions("meeting", index, index, sentence)  # the only tokens where match_trigger finds one
    if not candidates:
        return []
    quoted = context.quoted(sentence)
    triggers: list[tuple[int, int, MeetingTrigger]] = []
    k = start
    for candidate in candidates:
        if candidate < k:
            continue  # inside the trigger before
        found = match_trigger(context, candidate, stop)
        if found and candidate not in quoted:
            triggers.append((candidate, found[0], found[1]))
            k = found[0]
    drafts: list[Draft] = []
    for n, (k, end, trigger) in enumerate(triggers):
        # what follows a trigger belongs to it up to the next trigger ("pembicaraan X di A dan pertemuan Y di B")
        following = triggers[n + 1][0] if n + 1 < len(triggers) else None
        scope = (triggers[n - 1][1] if n else start, following or stop,
                 max(end, following - STATUS_BEFORE_NEXT) if following else stop)
        draft = build_meeting(context, sentence, k, end, trigger, scope)
        if draft and not any(same_meeting(draft, other) for other in drafts):
            drafts.append(draft)
    return drafts


def participants_for(context: DocumentContext, sentence: Sentence, k: int, end: int,
                     trigger: MeetingTrigger) -> list[Mention]:
    start, stop = sentence.tokens
    window_stop = min(stop, end + WINDOW)
    marker = context.lang.meeting_markers
    people: list[Mention] = []
    # the subject: of the trigger verb, or of a light verb governing the meeting noun
    if trigger.kind in ("verb", "host"):
        people += [m for m in [context.subject_before(sentence, k)] if m]
    elif k - 1 >= start and context.lower[k - 1] in context.lang.light_verbs:
        people += [m for m in [context.subject_before(sentence, k - 1)] if m]
    # participants right after the trigger: "bertemu Putin", "pertemuan OSCE", "pembicaraan Rusia-NATO"
    j = end
    while j < window_stop and marker.get(context.lower[j]) == "skip":
        j += 1
    people += context.actors_after(j, window_stop)
    # participants after "dengan"/"antara" later in the clause: "bertemu Selasa di Kyiv dengan pejabat Prancis"
    for i in range(end, window_stop):
        if context.words[i] in ",;":
            break
        if marker.get(context.lower[i]) == "with":
            people += context.actors_after(i + 1, window_stop)
            break
    # a fronted clause: "Dalam panggilan telepon dengan Y, X ..." / "Setelah berbicara dengan Y, X ..."
    if not any(m.tokens[0] < k for m in people) and marker.get(context.lower[start]) == "frame" \
            and all(context.words[i] != "," for i in range(start, k)):
        comma = next((i for i in range(end, stop) if context.words[i] == ","), None)
        if comma is not None and comma + 1 < stop:
            first = context.by_start.get(comma + 1)
            if context.is_actor(first):
                people.append(first)
    unique: list[Mention] = []
    for mention in people:
        if all(mention is not other for other in unique):
            unique.append(mention)
    return unique


def meeting_status(context: DocumentContext, k: int, end: int, scope: tuple[int, int, int]) -> str:
    """Cancelled or planned when a status word stands near the trigger in its own scope, else held."""
    before = range(max(scope[0], k - STATUS_BEFORE), k)
    # after the trigger: its own phrase only, up to a comma, leaving the words that open the next trigger's phrase
    # ("bertemu ... tentang prospek pertemuan lain": "prospek" belongs to the second meeting)
    limit = min(scope[2], end + WINDOW)
    comma = next((j for j in range(end, limit) if context.words[j] in ",;"), limit)
    after = range(end, comma)
    found = {context.lang.meeting_status.get(context.lower[j]) for j in (*before, *after)}
    if "cancelled" in found:
        return "cancelled"
    return "planned" if "planned" in found else "held"


def build_meeting(context: DocumentContext, sentence: Sentence, k: int, end: int,
                  trigger: MeetingTrigger, scope: tuple[int, int, int]) -> Draft | None:
    """scope: (start, end, status end): the tokens that belong to this trigger."""
    start, stop = sentence.tokens
    if trigger.kind == "host" and not guest_after(context, end, min(scope[1], end + WINDOW)):
        return None  # "menerima anggota baru" accepts; only "menerima Presiden X" hosts a meeting
    participants = participants_for(context, sentence, k, end, trigger)
    status = meeting_status(context, k, end, scope)
    inviter = invitation(context, sentence, k)
    if inviter is not None:
        participants = [p for p in [inviter] if all(p is not q for q in participants)] + participants
        status = "planned" if status == "held" else status
    window_stop = min(scope[1], end + WINDOW)
    place = context.place_after(end, window_stop)
    mode = trigger.mode
    for j in range(max(scope[0], k - 3), window_stop):
        mode = context.lang.meeting_modes.get(context.lower[j], mode)
    words = {context.lower[j] for j in range(start, stop)}
    future = status == "planned" or bool(words & context.lang.future_markers)
    date = context.date_near(sentence, k, end, scope[:2], future)
    published = context.published
    if status == "held" and date is not None and published is not None and date.precision == "day" \
            and date.value > published.isoformat():
        status = "planned"  # a meeting dated after the report cannot have been held yet
    if len(participants) < 2 and not (participants and (place or date)):
        return None
    return context.draft("meeting", sentence, k, end, participants, place=place, date=date,
                         attrs={"status": status, "mode": mode,
                                "cameo": PLANNED_CAMEO if status == "planned" else trigger.cameo})


def guest_after(context: DocumentContext, end: int, stop: int) -> bool:
    """A person named right after a hosting verb, through titles: "menerima (Perdana Menteri) X"."""
    guests = context.actors_after(end, stop)
    return bool(guests) and guests[0].type == "Person" and not guests[0].title_only


def invitation(context: DocumentContext, sentence: Sentence, k: int) -> Mention | None:
    """"X memanggil/mengundang Y untuk bersidang": the inviter X takes part in the meeting it calls."""
    if k - 1 < sentence.tokens[0] or context.lower[k - 1] != "untuk":
        return None
    for j in range(k - 2, max(sentence.tokens[0], k - 2 - WINDOW) - 1, -1):
        if context.lang.meeting_markers.get(context.lower[j]) == "invite":
            return context.subject_before(sentence, j)
    return None


def same_meeting(a: Draft, b: Draft) -> bool:
    return {id(m) for m in a.actors} == {id(m) for m in b.actors}
