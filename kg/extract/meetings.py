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

from ..lang import MeetingTrigger
from ..model import Mention, Sentence
from . import DocumentContext, Draft

WINDOW = 14  # tokens after a trigger searched for participants, place and mode
PLANNED_CAMEO = "036"


def trigger_table(context: DocumentContext) -> list[tuple[list[str], MeetingTrigger]]:
    table = [(t.form.casefold().split(), t) for t in context.lang.meeting_triggers]
    return sorted(table, key=lambda item: len(item[0]), reverse=True)


def match_trigger(context: DocumentContext, k: int, stop: int) -> tuple[int, MeetingTrigger] | None:
    for words, trigger in trigger_table(context):
        end = k + len(words)
        if end > stop:
            continue
        tokens = [context.doc[i].lower_ for i in range(k, end)]
        last = tokens[-1]
        if tokens[:-1] == words[:-1] and (last == words[-1] or (last.endswith("nya") and last[:-3] == words[-1])):
            return end, trigger
    return None


def meetings_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    from .statements import quote_spans

    start, stop = sentence.tokens
    quotes = quote_spans(context, sentence)
    drafts: list[Draft] = []
    k = start
    while k < stop:
        if any(a <= k < b for a, b in quotes):
            k += 1
            continue
        found = match_trigger(context, k, stop)
        if not found:
            k += 1
            continue
        end, trigger = found
        draft = build_meeting(context, sentence, k, end, trigger)
        if draft and not any(same_meeting(draft, other) for other in drafts):
            drafts.append(draft)
        k = end
    return drafts


def participants_for(context: DocumentContext, sentence: Sentence, k: int, end: int,
                     trigger: MeetingTrigger) -> list[Mention]:
    doc = context.doc
    start, stop = sentence.tokens
    window_stop = min(stop, end + WINDOW)
    people: list[Mention] = []
    if trigger.kind == "verb":
        subject = context.subject_before(sentence, k)
        if subject:
            people.append(subject)
        j = end
        if j < window_stop and doc[j].lower_ in ("dengan", "antara"):
            j += 1
        people += context.actors_after(j, window_stop)
    else:
        j = end
        if j < window_stop and doc[j].lower_ in ("dengan", "antara", "para", "lain"):
            j += 1
        people += context.actors_after(j, window_stop)
        light = k - 1 if k - 1 >= start and doc[k - 1].lower_ in context.lang.light_verbs else None
        if light is not None:
            subject = context.subject_before(sentence, light)
            if subject:
                people.insert(0, subject)
        elif k - 1 >= start and doc[k - 1].lower_ in ("dalam", "pada", "selama", "usai", "setelah") \
                and (k - 1 == start or doc[k - 2].text == ","):
            # fronted: "Dalam panggilan telepon dengan Y, X memperingatkan ..." -> X takes part
            comma = next((i for i in range(end, stop) if doc[i].text == ","), None)
            if comma is not None and comma + 1 < stop:
                first = context.by_start.get(comma + 1)
                if context.is_actor(first):
                    people.append(first)
    unique: list[Mention] = []
    for mention in people:
        if all(mention is not other for other in unique):
            unique.append(mention)
    return unique


def build_meeting(context: DocumentContext, sentence: Sentence, k: int, end: int,
                  trigger: MeetingTrigger) -> Draft | None:
    doc = context.doc
    start, stop = sentence.tokens
    participants = participants_for(context, sentence, k, end, trigger)
    window_stop = min(stop, end + WINDOW)
    place = None
    for j in range(end, window_stop):
        if doc[j].lower_ == "di":
            mention = context.by_start.get(j + 1)
            if mention is not None and mention.type == "Place":
                place = mention
                break
    words = [doc[j].lower_ for j in range(start, stop)]
    status = "held"
    if any(context.lang.meeting_status.get(w) == "cancelled" for w in words):
        status = "cancelled"
    elif any(context.lang.meeting_status.get(w) == "planned" for w in words):
        status = "planned"
    mode = trigger.mode
    for j in range(max(start, k - 3), window_stop):
        mode = context.lang.meeting_modes.get(doc[j].lower_, mode)
    future = status == "planned" or any(w in context.lang.future_markers for w in words)
    dates = [d for d in context.dates(sentence, future) if d.value is not None]
    trigger_char = doc[k].idx - sentence.start
    date = min(dates, key=lambda d: abs(d.start - trigger_char)).value if dates else None
    if len(participants) < 2 and not (participants and (place or date)):
        return None
    return Draft(
        kind="meeting",
        id=f"{context.document.id}/meeting/{sentence.index}-{k - start}",
        evidence=context.evidence(sentence),
        cue=doc[k:end].text,
        actors=participants,
        place=place,
        date=date,
        attrs={"status": status, "mode": mode, "cameo": PLANNED_CAMEO if status == "planned" else trigger.cameo},
    )


def same_meeting(a: Draft, b: Draft) -> bool:
    return {id(m) for m in a.actors} == {id(m) for m in b.actors}
