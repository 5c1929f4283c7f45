"""Other dated events: embassy closures, recognitions, sanctions, troop build-ups, invasions, exercises.

Triggers come from ``event_triggers.tsv``; a trigger may require a word right after it ("menutup
kedutaan", "menjatuhkan sanksi"). Participants are the actor before the trigger (a military or government
modifier is allowed: "militer Rusia") and the actors right after it or after "ke"/"terhadap"
("invasi ke Ukraina"); the place is introduced by a locative; the date is the trigger's own.
An event needs a participant or a place.
"""
from __future__ import annotations

from functools import lru_cache

from ..dating import date_near
from ..lang import EventTrigger, LanguageData
from ..model import Mention, Sentence
from . import DocumentContext, Draft

WINDOW = 14
REQUIRES_WITHIN = 6


@lru_cache(maxsize=8)
def trigger_index(lang: LanguageData) -> dict[str, list[EventTrigger]]:
    index: dict[str, list[EventTrigger]] = {}
    for trigger in lang.event_triggers:
        index.setdefault(trigger.form, []).append(trigger)
    return index


def match_event(context: DocumentContext, k: int, stop: int) -> tuple[int, EventTrigger] | None:
    word = context.lower[k]
    index = trigger_index(context.lang)
    for trigger in index.get(word) or index.get(context.lang.without_clitic(word)) or ():
        if not trigger.requires:
            return k + 1, trigger
        for j in range(k + 1, min(stop, k + 1 + REQUIRES_WITHIN)):
            if context.lang.without_clitic(context.lower[j]) == trigger.requires:
                return j + 1, trigger
    return None


def actor_before(context: DocumentContext, sentence: Sentence, k: int) -> Mention | None:
    subject = context.subject_before(sentence, k)
    if subject is not None:
        return subject
    for j in range(k - 1, max(sentence.tokens[0], k - 8) - 1, -1):  # "militer Rusia mengerahkan ..."
        mention = context.by_end.get(j)
        if context.is_actor(mention) and context.after_generic_noun(mention):
            return mention
    return None


def after_trigger(context: DocumentContext, start: int, stop: int) -> list[Mention]:
    """Names right after a trigger word, through "ke"/"terhadap" and one or two modifiers:
    "invasi baru Rusia ke Ukraina", "penumpukan pasukan Rusia", "mencaplok Semenanjung Krimea"."""
    found: list[Mention] = []
    j = start
    while j < stop:
        mention = context.by_start.get(j)
        if mention is not None:
            if mention.source != "title-org":
                found.append(mention)
            j = mention.tokens[1]
            continue
        word = context.lower[j]
        modifier = j - start < 2 and word.isalpha() and not context.words[j][:1].isupper() \
            and word not in context.lang.prepositions and word not in context.lang.locatives
        if context.lang.event_markers.get(word) == "object" or context.lang.coordinators.get(word) == "both" \
                or modifier:
            j += 1
            continue
        break
    return found


def events_in_sentence(context: DocumentContext, sentence: Sentence) -> list[Draft]:
    start, stop = sentence.tokens
    index = trigger_index(context.lang)
    candidates = context.positions("event", index, index, sentence)  # the only tokens where match_event finds one
    if not candidates:
        return []
    quoted = context.quoted(sentence)
    drafts: list[Draft] = []
    k = start
    for candidate in candidates:
        if candidate < k:
            continue  # inside the trigger before
        found = match_event(context, candidate, stop)
        if not found or candidate in quoted:
            continue
        k = candidate
        end, trigger = found
        window_stop = min(stop, end + WINDOW)
        people: list[Mention] = []
        if trigger.kind == "verb":
            people += [m for m in [actor_before(context, sentence, k)] if m]
        elif k > start and context.lower[k - 1] in context.lang.light_verbs:
            people += [m for m in [actor_before(context, sentence, k - 1)] if m]
        following = after_trigger(context, k + 1, window_stop)
        place = next((m for m in following if m.type == "Place"), None) or context.place_after(end, window_stop)
        people += [m for m in following if m.type != "Place" and context.is_actor(m)
                   and all(m is not p for p in people)]
        words = {context.lower[i] for i in range(start, stop)}
        date = date_near(context, sentence, k, end, (start, window_stop), bool(words & context.lang.future_markers))
        if people or place:
            drafts.append(context.draft("event", sentence, k, end, people, place=place, date=date,
                                        attrs={"event_type": trigger.event_type, "cameo": trigger.cameo}))
        k = end
    return drafts
