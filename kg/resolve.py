"""Stage 5, resolve: one entity per real-world thing across the corpus.

Rules, in order (each merge is recorded in ``Entity.merge_notes``):
1. Gazetteer mentions resolve to their entry's canonical name ("Moskow" used as an actor -> Rusia).
2. Full person names (two words or more) are one person when their transliteration keys agree
   (Sergei/Sergey Lavrov, Zelensky/Zelenskyy).
3. A one-word name is the person in the same document whose first or last name it is; failing that,
   the only person in the corpus with that last name; two candidates -> no merge.
4. A title-only mention ("Presiden Rusia") is the person who holds that title in the same document,
   then in the corpus; failing that it stands for the title's organization or country when it acts
   (speaker, participant), and is no entity otherwise.
5. A lone capitalised word that rules 3-4 cannot support and that never acts is dropped (precision).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .dating import date_article
from .extract import Draft
from .iris import slug
from .kinds import kind, kinds
from .lang import LanguageData
from .model import Document, Entity, Meeting, Mention, Record, Role


@lru_cache(maxsize=1 << 18)  # called for every person mention, on few distinct names
def name_key(name: str) -> str:
    """A transliteration-tolerant key for person names: Sergey/Sergei, Zelenskyy/Zelensky, Vassily/Vasily."""
    key = slug(name).replace("-", " ")
    key = re.sub(r"(.)\1+", r"\1", key)
    key = key.replace("y", "i").replace("ii", "i").replace("w", "v")
    return key


@dataclass(slots=True)
class Lookups:
    """What resolution looked up in the corpus tables (see Resolver) for the articles resolved so far, where the
    answer decided a mention: a later batch of articles that changes one of these answers makes them stale."""

    name_parts: set[str] = field(default_factory=set)  # name keys of places/organizations (a person's name?)
    short_names: set[str] = field(default_factory=set)  # name keys of one-word names with no full name nearby
    titles: set[tuple[str, str | None]] = field(default_factory=set)  # (position, of) of titles with no holder nearby
    role_of: set[str] = field(default_factory=set)  # entity ids a role could belong to but that did not exist
    # person id -> what would have supported joining a one-word name of another article to it, but did not exist:
    # the entity ids of that article and "position:<title>" (see Resolver.supported)
    support: dict[str, set[str]] = field(default_factory=dict)
    sub_names: set[str] = field(default_factory=set)  # name keys of full names looked up as part of a longer one


def _set_map(table: dict[str, set[str]]) -> dict[str, list[str]]:
    return dict(zip(table.keys(), map(list, table.values()), strict=True))


def _set_table(table: dict[str, list[str]], into: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """_set_map undone, into `into` (a defaultdict, say) or a new dict."""
    into = {} if into is None else into
    into.update(zip(table.keys(), map(set, table.values()), strict=True))
    return into


MIN_SHARED_ENTITIES = 3  # entities two articles must both name to support one person behind a one-word name


class Resolver:
    """Resolves the mentions of a corpus to entities (phase 1), then each article's facts (phase 2).

    Phase 1 can take the corpus in batches, in article id order: the corpus tables (full names and their
    spellings, last names, bracketed aliases, title holders) carry over from one batch to the next, and so a
    saved resolver can take new articles without the old ones. ``stale`` turns True when a batch would have
    changed how an earlier batch resolved (it changed a table entry the earlier batch looked up); the caller
    then resolves the whole corpus again in one batch.
    """

    TRANSIENT = ("lang", "gazetteer", "forms", "_earlier")  # not saved: loaded again, or per batch

    def __init__(self, lang: LanguageData):
        self.with_language(lang)
        self.entities: dict[str, Entity] = {}  # labels as first given; see labelled() for the chosen ones
        self.known_aliases: dict[str, set[str]] = {}  # name key of a bracketed alias -> entity ids
        self.full_names: dict[str, dict[str, int]] = {}  # name key of a full name -> its spellings, counted
        self.name_parts: set[str] = set()  # first and last name keys of the full names
        self.last_names: dict[str, set[str]] = defaultdict(set)  # last name key -> persons with a full name
        self.title_holders: dict[tuple[str, str | None], set[str]] = defaultdict(set)  # (position, of) -> persons
        self.person_names: dict[str, set[str]] = defaultdict(set)  # person id -> the names it is mentioned by
        # person id -> entity ids of the articles that name the person in full, and "position:<title>" of its titles
        self.cooccurring: dict[str, set[str]] = defaultdict(set)
        self.longer_names: dict[str, set[str]] = defaultdict(set)  # first/last words of a full name -> full keys
        self.looked_up = Lookups()
        self.last_doc = ""  # the last article id resolved
        self.stale = False
        self._earlier: set[str] = set()  # entity ids made by earlier batches

    def __getstate__(self) -> dict:
        """What a saved resolver keeps: the corpus tables, not the language data (loaded again) nor the
        entities' document sets (each article's RDF lists the entities it mentions)."""
        state = {k: v for k, v in self.__dict__.items() if k not in self.TRANSIENT}
        # as tuples: pickling tens of thousands of dataclass instances is several times slower
        state["entities"] = [(e.id, e.type, e.label, e.aliases, [(r.position, r.label, r.of) for r in e.roles],
                              e.mention_count, e.merge_notes) for e in self.entities.values()]
        return state

    def __setstate__(self, state: dict) -> None:
        entities = state.pop("entities")
        self.__dict__.update(state)
        self.entities = {row[0]: Entity(row[0], row[1], row[2], row[3], [Role(*r) for r in row[4]],
                                        mention_count=row[5], merge_notes=row[6]) for row in entities}
        self._earlier = set()

    # the tables to_data saves, in its order (a test checks that they are every attribute but TRANSIENT)
    SAVED = ("entities", "known_aliases", "full_names", "name_parts", "last_names", "title_holders",
             "person_names", "cooccurring", "longer_names", "looked_up", "last_doc", "stale")

    def to_data(self) -> tuple:
        """The saved tables (see __getstate__) as plain data for kg.codec: sets as lists, tuple keys as pairs."""
        entities = [(e.id, e.type, e.label, list(e.aliases), [(r.position, r.label, r.of) for r in e.roles],
                     e.mention_count, e.merge_notes) for e in self.entities.values()]
        looked = self.looked_up
        lookups = (list(looked.name_parts), list(looked.short_names), list(looked.titles), list(looked.role_of),
                   _set_map(looked.support), list(looked.sub_names))
        return (entities, _set_map(self.known_aliases), self.full_names, list(self.name_parts),
                _set_map(self.last_names), [(k, list(v)) for k, v in self.title_holders.items()],
                _set_map(self.person_names), _set_map(self.cooccurring), _set_map(self.longer_names), lookups,
                self.last_doc, self.stale)

    @classmethod
    def from_data(cls, data: tuple) -> Resolver:
        """A resolver from to_data's tables, without its language data (see with_language)."""
        (entities, known_aliases, full_names, name_parts, last_names, title_holders, person_names, cooccurring,
         longer_names, lookups, last_doc, stale) = data
        resolver = cls.__new__(cls)
        # tables through zip/map (C loops): a 100,000-article state has hundreds of thousands of entries
        resolver.entities = {
            entity_id: Entity(entity_id, entity_type, label, set(aliases), [Role(*r) for r in roles] if roles else [],
                              set(), count, list(notes))
            for entity_id, entity_type, label, aliases, roles, count, notes in entities}
        resolver.known_aliases = _set_table(known_aliases)
        resolver.full_names = dict(zip(full_names.keys(), map(dict, full_names.values()), strict=True))
        resolver.name_parts = set(name_parts)
        resolver.last_names = _set_table(last_names, defaultdict(set))
        resolver.title_holders = defaultdict(set, ((tuple(k), set(v)) for k, v in title_holders))
        resolver.person_names = _set_table(person_names, defaultdict(set))
        resolver.cooccurring = _set_table(cooccurring, defaultdict(set))
        resolver.longer_names = _set_table(longer_names, defaultdict(set))
        names, short, titles, role_of, support, sub_names = lookups
        resolver.looked_up = Lookups(set(names), set(short), set(map(tuple, titles)), set(role_of),
                                     _set_table(support), set(sub_names))
        resolver.last_doc, resolver.stale = str(last_doc), bool(stale)
        resolver._earlier = set()
        return resolver

    def with_language(self, lang: LanguageData) -> Resolver:
        """The resolver with its language data (a resolver loaded from disk is given it again)."""
        self.lang = lang
        self.gazetteer = {(e.type, e.name): e for e in lang.gazetteer}
        self.forms = lang.entry_by_form()
        return self

    # -- entity bookkeeping ----------------------------------------------------------------
    def entity(self, entity_type: str, label: str) -> Entity:
        entity_id = f"{entity_type.lower()}/{slug(label)}"
        entity = self.entities.get(entity_id)
        if entity is None:
            if entity_id in self.looked_up.role_of:
                self.stale = True  # an earlier article's role would belong to it
            entity = self.entities[entity_id] = Entity(entity_id, entity_type, label)
        elif entity.label != label and entity_id in self._earlier:
            self.stale = True  # which spelling names it would depend on the order of the rules, not of articles
        return entity

    def attach(self, mention: Mention, entity: Entity, note: str | None = None, alias: bool = True) -> None:
        mention.entity_id = entity.id
        entity.documents.add(mention.doc_id)
        entity.mention_count += 1
        if alias and mention.text != entity.label:
            entity.aliases.add(mention.text)
        if note and note not in entity.merge_notes:
            entity.merge_notes.append(note)

    @staticmethod
    def grow(table: dict, key, entity_id: str, looked_up: set) -> bool:
        """Add entity_id to table[key]; True when that changes an answer an earlier batch looked up."""
        ids = table.setdefault(key, set())
        if entity_id in ids:
            return False
        ids.add(entity_id)
        return key in looked_up

    # -- main ------------------------------------------------------------------------------
    def resolve_entities(self, mentions: list[Mention]) -> dict[str, Entity]:
        """Phase 1: every mention of these articles gets its entity id (or none); returns all entities so far,
        labelled. Articles come in id order, after those of earlier batches (else the resolver is stale)."""
        self._earlier = set(self.entities)
        doc_ids = sorted({m.doc_id for m in mentions})
        if doc_ids and self.last_doc and doc_ids[0] <= self.last_doc:
            self.stale = True
        named = [m for m in mentions if m.source != "pronoun"]
        persons = [m for m in named if m.type == "Person" and not m.title_only]
        titled = [m for m in named if m.title_only]
        others = [m for m in named if m.type != "Person"]
        known = [m for m in others if m.canonical or (m.text.casefold() in self.forms)]
        self.resolve_named(known)
        self.resolve_full_names([m for m in persons if m.source != "alias"])
        # a name typed as a place or organization that is a known person's first or last name is that person
        # ("kepada Putin" tagged LOC by the NER, with "Vladimir Putin" in the corpus)
        for mention in others:
            if mention.entity_id is None:
                key = name_key(mention.text)
                self.looked_up.name_parts.add(key)
                if key in self.name_parts:
                    mention.type = "Person"
                    persons.append(mention)
        self.resolve_named(m for m in others if m.entity_id is None and m.type != "Person")
        self.resolve_aliases(persons)
        doc_entities = entities_by_doc(mentions)
        self.record_cooccurrence(mentions, doc_entities)
        self.resolve_short_names([m for m in persons if m.source != "alias"], doc_entities)
        self.resolve_titles(titled, mentions)
        self.resolve_pronouns(mentions)
        self.add_roles(mentions)
        for mention in mentions:
            if mention.entity_id and mention.type == "Person" and not mention.title_only \
                    and mention.source != "pronoun":
                self.person_names[mention.entity_id].add(mention.text)
        if doc_ids:
            self.last_doc = max(self.last_doc, doc_ids[-1])
        return self.labelled()

    def article_records(self, document: Document, drafts: list[Draft], mentions: list[Mention]) -> list[Record]:
        """Phase 2, one article at a time: its drafts as dated facts of every registered kind, in id order."""
        by_kind: dict[str, list[Record]] = {k.name: [] for k in kinds()}
        for draft in drafts:
            record = self.record(draft, document)
            if record is not None:
                by_kind[record.kind].append(record)
        records = [r for k in kinds() for r in k.merge(by_kind[k.name], self.entities)]
        date_article(records, self.entities, mentions)
        return sorted(records, key=lambda r: r.id)

    def resolve_named(self, mentions) -> None:
        for mention in mentions:
            entry = self.forms.get((mention.canonical or mention.text).casefold())
            if entry is not None and mention.canonical is None:
                mention.canonical = entry.name
            if mention.canonical:
                entity_type = mention.type if mention.type == "Country" else (entry.type if entry else mention.type)
                entity = self.entity(entity_type, mention.canonical)
                note = None
                if mention.text != mention.canonical:
                    note = f"{mention.text!r} -> {mention.canonical!r}: gazetteer form"
                    if mention.type == "Country" and entry is not None and entry.type == "Place":
                        note = f"{mention.text!r} -> {mention.canonical!r}: capital used as an actor"
                self.attach(mention, entity, note)
            else:
                self.attach(mention, self.entity(mention.type, mention.text))

    def resolve_full_names(self, persons: list[Mention]) -> None:
        """Full names (two words or more) with the same key are one person, labelled by the commonest spelling
        in the corpus (the first seen of equally common ones). A full name that is the first or last words of one
        longer full name of the same article ("Tayyip Erdogan", "Budi Arie" of "Recep Tayyip Erdogan", "Budi Arie
        Setiadi") is that person."""
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for mention in persons:
            if len(mention.text.split()) >= 2:
                by_key[name_key(mention.text)].append(mention)
        for key in sorted(by_key):
            self.register_longer_name(key)
        part_of: dict[int, str] = {}  # id(mention) -> the longer key it is part of
        for key, group in by_key.items():
            longer = self.longer_names.get(key, set())
            self.looked_up.sub_names.add(key)
            for mention in group:
                # only within one article: across articles two people may share the first words of a name
                local = {k for k in longer if any(m.doc_id == mention.doc_id for m in by_key.get(k, ()))}
                if len(local) == 1:
                    part_of[id(mention)] = next(iter(local))
        for _key, group in sorted(by_key.items()):
            for mention in group:  # a longer name named only as part of a still longer one is no target
                if id(mention) in part_of and part_of[id(mention)] not in self.full_names \
                        and all(id(m) in part_of for m in by_key.get(part_of[id(mention)], ())):
                    del part_of[id(mention)]
        for key, group in sorted(by_key.items()):
            own = [m for m in group if id(m) not in part_of]
            if own:
                self.resolve_full_name(key, own)
        for _key, group in sorted(by_key.items()):
            for mention in group:
                longer_key = part_of.get(id(mention))
                if longer_key is not None:
                    entity = self.entity("Person", commonest(self.full_names[longer_key]))
                    self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: part of the longer name")

    def register_longer_name(self, key: str) -> None:
        """Index a full name of three words or more by its first and last words (two or more)."""
        parts = key.split()
        if key in self.full_names or len(parts) < 3:
            return
        for n in range(2, len(parts)):
            for part in (" ".join(parts[:n]), " ".join(parts[-n:])):
                if key not in self.longer_names[part]:
                    self.longer_names[part].add(key)
                    self.stale |= part in self.looked_up.sub_names

    def resolve_full_name(self, key: str, group: list[Mention]) -> None:
        spellings = self.full_names.get(key)
        if spellings is None:
            spellings = self.full_names[key] = {}
            parts = key.split()
            for part in (parts[0], parts[-1]):
                if part not in self.name_parts:
                    self.name_parts.add(part)
                    self.stale |= part in self.looked_up.name_parts
        before = commonest(spellings) if spellings else None
        for mention in group:
            spellings[mention.text] = spellings.get(mention.text, 0) + 1
        label = commonest(spellings)
        if before is not None and label != before:
            self.stale = True  # the person's label, and so its id, changes for earlier articles
        entity = self.entity("Person", label)
        several = len(spellings) > 1
        for mention in group:
            note = (f"{mention.text!r} = {label!r}: same name up to transliteration" if several
                    and mention.text != label else None)
            self.attach(mention, entity, note)

    def resolve_aliases(self, persons: list[Mention]) -> None:
        """A bracketed other name ("Joko Widodo (Jokowi)") joins its person; elsewhere in the corpus the
        same form then names that person too (see resolve_short_names)."""
        for mention in persons:
            if mention.source == "alias" and mention.antecedent is not None and mention.antecedent.entity_id:
                entity = self.entities[mention.antecedent.entity_id]
                self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: given in brackets after the name")
                self.stale |= self.grow(self.known_aliases, name_key(mention.text), entity.id,
                                        self.looked_up.short_names)

    def record_cooccurrence(self, mentions: list[Mention], doc_entities: dict[str, set[str]]) -> None:
        """For each person named in full, what the corpus says besides the name: the entities of the articles that
        name the person in full, the person's titles ("position:<title>") and the bodies or countries of those
        titles ("of:<entity id>"). It supports joining a one-word name of another article to the person."""
        evidence: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            if mention.type != "Person" or not mention.entity_id or len(mention.text.split()) < 2 \
                    or mention.title_only or mention.source in ("pronoun", "alias"):
                continue
            found = evidence[mention.entity_id]
            found.update(doc_entities[mention.doc_id] - {mention.entity_id})
            if mention.position:
                found.add(f"position:{mention.position}")
                entry = self.forms.get(mention.role_of.casefold()) if mention.role_of else None
                if entry is not None:
                    found.add(f"of:{entry.type.lower()}/{slug(entry.name)}")
        for person, found in sorted(evidence.items()):
            new = found - self.cooccurring[person]
            if new:
                self.cooccurring[person] |= new
                self.stale |= bool(new & self.looked_up.support.get(person, set()))

    def supported(self, mention: Mention, person: str, doc_entities: set[str]) -> bool:
        """Whether something besides the string ties a one-word name to a person named in full in other articles:
        the same title, the title's country or body named in the name's article, a person named with both, or
        MIN_SHARED_ENTITIES entities named with both. Without it, the name stays a node of its own (merging two
        people is worse than one person on two nodes); what would have supported it is recorded, so that a later
        batch that brings it makes the build stale."""
        known = self.cooccurring.get(person, set())
        wanted = set(doc_entities) | {f"of:{e}" for e in doc_entities}
        if mention.position:
            wanted.add(f"position:{mention.position}")
        shared = known & wanted
        if any(s.startswith(("position:", "of:", "person/")) for s in shared) \
                or len(shared & doc_entities) >= MIN_SHARED_ENTITIES:
            return True
        self.looked_up.support.setdefault(person, set()).update(wanted)
        return False

    def resolve_short_names(self, persons: list[Mention], doc_entities: dict[str, set[str]]) -> None:
        """A one-word name is the person of its article whose first or last name it is (of several, the one the
        article introduced first, before the name: "Joe Biden ... Jill Biden ... kata Biden"), else a person a
        bracketed alias names, else the only person of the corpus with that last name when something besides the
        string supports it (see supported)."""
        by_doc: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        introduced: dict[tuple[str, str], tuple[int, int]] = {}  # (doc, person) -> where its full name first occurs
        for mention in persons:
            if mention.entity_id and len(mention.text.split()) >= 2:
                parts = name_key(mention.text).split()
                for part in (parts[0], parts[-1]):
                    by_doc[mention.doc_id][part].add(mention.entity_id)
                self.stale |= self.grow(self.last_names, parts[-1], mention.entity_id, self.looked_up.short_names)
                where = (mention.sentence, mention.start)
                key = (mention.doc_id, mention.entity_id)
                introduced[key] = min(introduced.get(key, where), where)
        corpus_last = self.last_names
        for mention in persons:
            if mention.entity_id:
                continue
            key = name_key(mention.text)
            local = by_doc[mention.doc_id].get(key, set())
            if not local:
                self.looked_up.short_names.add(key)
            if len(local) > 1:
                first = min(local, key=lambda p: introduced.get((mention.doc_id, p), (1 << 30, 0)))
                if introduced.get((mention.doc_id, first), (1 << 30, 0)) < (mention.sentence, mention.start):
                    entity = self.entities[first]
                    self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: the first person of the "
                                                 f"document with this name")
                    continue
            if not local and len(self.known_aliases.get(key, ())) == 1:
                entity = self.entities[next(iter(self.known_aliases[key]))]
                self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: an alias given in brackets")
            elif len(local) == 1:
                entity = self.entities[next(iter(local))]
                self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: part of a full name in the "
                                             f"same document")
            elif not local and len(corpus_last.get(key, set())) == 1 \
                    and self.supported(mention, next(iter(corpus_last[key])), doc_entities[mention.doc_id]):
                entity = self.entities[next(iter(corpus_last[key]))]
                self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: the only person in the "
                                             f"corpus with this last name, and their articles agree")
            elif not mention.weak or mention.acting:
                if not local and self.forms.get(mention.text.casefold()) is None:
                    self.attach(mention, self.entity("Person", mention.text))

    def resolve_titles(self, titled: list[Mention], mentions: list[Mention]) -> None:
        """A title-only mention ("Menlu Iran", "Presiden Rusia") is the one person who holds that title in its
        article; failing that, when it acts (speaker, participant), the one holder in the corpus, or else the title's
        country or organization. A bare title ("Menlu mengatakan", "Presiden menegaskan") is the one person of its
        article with that position (the one named without a country first: "Presiden Joko Widodo" for a bare
        "Presiden" beside "Presiden Rusia Vladimir Putin"); it never looks further, and is no alias. A title that
        does not act ("sebagai Presiden AS", "pemilihan presiden AS") does not take a holder from other articles:
        offices change hands, and the corpus spans years."""
        holders = self.title_holders
        holders_in_doc: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
        for mention in mentions:
            if mention.type == "Person" and not mention.title_only and mention.position and mention.entity_id:
                self.stale |= self.grow(holders, (mention.position, mention.role_of), mention.entity_id,
                                        self.looked_up.titles)
                holders_in_doc[(mention.doc_id, mention.position, mention.role_of)].add(mention.entity_id)
        any_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, position) -> holders, of any country
        for (doc_id, position, _), ids in holders_in_doc.items():
            any_of[(doc_id, position)] |= ids
        for mention in titled:
            local = holders_in_doc.get((mention.doc_id, mention.position, mention.role_of), set())
            if mention.role_of is None:
                local = local or any_of.get((mention.doc_id, mention.position), set())
                if len(local) == 1:
                    entity = self.entities[next(iter(local))]
                    self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: the one holder of this "
                                                 f"position in the same document", alias=False)
                continue
            corpus = holders.get((mention.position, mention.role_of), set()) if mention.acting else set()
            if not local and mention.acting:
                self.looked_up.titles.add((mention.position, mention.role_of))
            if len(local) == 1 or (not local and len(corpus) == 1):
                entity = self.entities[next(iter(local or corpus))]
                where = "same document" if local else "corpus"
                self.attach(mention, entity, f"{mention.text!r} -> {entity.label!r}: holds this title in the {where}")
            elif mention.acting and mention.position.casefold() not in self.lang.generic_nouns:
                entry = self.forms.get(mention.role_of.casefold())
                if entry is not None:
                    mention.canonical = entry.name
                    self.attach(mention, self.entity(entry.type, entry.name),
                                f"{mention.text!r} -> {entry.name!r}: an unnamed office holder acting for it",
                                alias=False)

    def resolve_pronouns(self, mentions: list[Mention]) -> None:
        """A pronoun is a mention of whatever its antecedent resolved to (never an alias)."""
        for mention in mentions:
            if mention.source == "pronoun" and mention.antecedent is not None and mention.antecedent.entity_id:
                self.attach(mention, self.entities[mention.antecedent.entity_id], alias=False)

    def add_roles(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.position and mention.entity_id and not mention.title_only:
                entity = self.entities[mention.entity_id]
                of = None
                if mention.role_of:
                    entry = self.forms.get(mention.role_of.casefold())
                    if entry is not None:
                        of = f"{entry.type.lower()}/{slug(entry.name)}"
                        if of not in self.entities:
                            self.looked_up.role_of.add(of)
                            of = None
                label = mention.role or mention.position
                # spellings of one role ("Presiden", "PRESIDEN") are one role: its IRI is the label's slug
                if all(slug(r.label) != slug(label) for r in entity.roles):
                    entity.roles.append(Role(mention.position, label, of))

    def labelled(self) -> dict[str, Entity]:
        """The entities in id order, persons labelled by their fullest name (never a title such as "Presiden
        Rusia"); other entities keep their canonical name. Relabelled persons are copies: the resolver keeps
        the labels first given, which later batches attach to."""
        entities = {}
        for entity_id, entity in sorted(self.entities.items()):
            if not entity.mention_count:
                continue
            if entity.type == "Person":
                names = [a for a in self.person_names.get(entity_id, set()) | {entity.label} if a[:1].isupper()]
                best = max(names, key=lambda n: (len(n.split()), len(n), n)) if names else entity.label
                if best != entity.label and len(best.split()) > len(entity.label.split()):
                    entity = replace(entity, label=best, aliases=(entity.aliases | {entity.label}) - {best})
            entities[entity_id] = entity
        return entities

    # -- records ---------------------------------------------------------------------------
    def record(self, draft: Draft, document: Document) -> Record | None:
        actors = unique_ids(m.entity_id for m in draft.actors)
        place = draft.place.entity_id if draft.place is not None else None
        return kind(draft.kind).record(draft, actors, place, document.published_date)


def entities_by_doc(mentions: list[Mention]) -> dict[str, set[str]]:
    """The entities each article names (pronouns aside)."""
    named: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.entity_id and mention.source != "pronoun":
            named[mention.doc_id].add(mention.entity_id)
    return named


def commonest(counts: dict[str, int]) -> str:
    """The most frequent key; of equally frequent ones, the first counted."""
    return max(counts, key=counts.__getitem__)


def unique_ids(ids) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))




























def complete_meetings(meetings: list[Meeting]) -> list[Meeting]:
    """An article's meetings with two parties or more, in text order. One with fewer takes its parties from the
    meetings before it: "kedua pemimpin" and "pertemuan tersebut" are the parties of the meeting reported last (also
    where the sentence names none); a meeting noun with one party
    ("Dalam pertemuan itu, X ...", "Pada pembicaraan Senin di Jenewa, Rusia ...") is the talks of that party
    reported last, also where a sentence only named their parties ("X dan Y ... menjelang pembicaraan", a
    reference, never a meeting of its own). Without such a meeting before it, it is none: a meeting has two sides."""
    known: list[Meeting] = []
    kept: list[Meeting] = []
    for meeting in meetings:
        if len(meeting.participants) < 2:
            source = None
            if meeting.completion in ("plural", "definite"):
                source = known[-1] if known else None
            elif meeting.completion == "anaphoric":
                source = next((m for m in reversed(known) if meeting.participants[0] in m.participants), None)
            if source is None or (meeting.completion == "anaphoric" and meeting.date is not None
                                  and source.status == "held" and meeting.status == "planned"):
                continue  # a dated meeting still to come after held talks is another one ("X akan menghadiri ...")
            meeting.participants = unique_ids([*source.participants, *meeting.participants])
            if source.completion == "visit":
                meeting.completion = "visit"  # the visit told again
            if source.completion != "reference" and meeting.date is None:
                meeting.status = source.status  # the same meeting told again (a dated one speaks for itself)
        known.append(meeting)
        if meeting.completion != "reference":
            kept.append(meeting)
    return kept


def represented(meeting: Meeting, entities: dict[str, Entity]) -> None:
    """A country attends through the named person who holds its office ("dalam pertemuan Indonesia-Jepang itu,
    Presiden Jokowi dan PM Kishida ..."): the country is no party of its own beside that person."""
    countries = {r.of for p in meeting.participants if p in entities for r in entities[p].roles if r.of}
    if countries & set(meeting.participants):
        meeting.participants = [p for p in meeting.participants if p not in countries]


def visit_elsewhere_met(visit: Meeting, meetings: list[Meeting], entities: dict[str, Entity]) -> bool:
    """A visit to a country ("kunjungan kenegaraan ke Rusia") that the article also reports as a meeting of the
    visitor with that country or a holder of its office ("pertemuan bilateral dengan Presiden Rusia Putin")."""
    visitor, country = visit.participants[0], visit.participants[-1]
    for other in meetings:
        if other is visit or other.completion == "visit" or visitor not in other.participants:
            continue
        hosts = [p for p in other.participants if p != visitor]
        if country in hosts or any(r.of == country for p in hosts if p in entities for r in entities[p].roles):
            return True
    return False


def countries_met_as_persons(meeting: Meeting, meetings: list[Meeting], entities: dict[str, Entity]) -> bool:
    """A meeting of countries only ("diplomat AS mengagendakan pertemuan dengan perwakilan Rusia") that the article
    also reports as a meeting of their office holders on a compatible day ("Blinken membatalkan pertemuan dengan
    Lavrov"): the same meeting told at the level of the states."""
    if not meeting.participants or any(entities.get(p) is None or entities[p].type != "Country"
                                       for p in meeting.participants):
        return False
    for other in meetings:
        if other is meeting or (other.date and meeting.date and other.date.value != meeting.date.value):
            continue
        sides = set(other.participants) | {r.of for p in other.participants if p in entities
                                            for r in entities[p].roles if r.of}
        if any(entities.get(p) is not None and entities[p].type == "Person" for p in other.participants) \
                and set(meeting.participants) <= sides:
            return True
    return False


def merge_meetings(meetings: list[Meeting], entities: dict[str, Entity] | None = None) -> list[Meeting]:
    """The same meeting reported twice in one article's meetings (same participants, compatible date) is one;
    a visit to a country that the article reports as a meeting there is that meeting, and so is a meeting of
    countries that it reports as one of their office holders."""
    entities = entities or {}
    complete = complete_meetings(meetings)
    for meeting in complete:
        represented(meeting, entities)
    complete = [m for m in complete if len(m.participants) >= 2
                and not (m.completion == "visit" and visit_elsewhere_met(m, complete, entities))]
    complete = [m for m in complete if not countries_met_as_persons(m, complete, entities)]
    kept: list[Meeting] = []
    for meeting in complete:
        twin = next((m for m in kept if set(m.participants) == set(meeting.participants)
                     and m.status == meeting.status
                     and (m.date is None or meeting.date is None or m.date.value == meeting.date.value)), None)
        if twin is None:
            kept.append(meeting)
            continue
        twin.date = twin.date or meeting.date
        twin.place = twin.place or meeting.place
        twin.mode = twin.mode or meeting.mode
    return kept
