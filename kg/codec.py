"""The files a build keeps for the next one (kg.state, kg.cache), as data: loading one runs no code.

A file is a header (a magic naming its kind, a format version, the length and CRC-32 of the payload) and one
msgpack payload. Records travel as tuples of their fields in a fixed order, tables as maps; decoding builds
only the record types named here (msgpack's ``ext`` types are refused), and the lengths msgpack reads are
bounded by the file's size, so a hostile or broken file is at worst a CorruptFile, never code run or memory
exhausted. The header tells a foreign, truncated or damaged file from ours before msgpack sees it.
"""
from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgpack

from .export import write_atomic
from .extract import Draft
from .kinds import kind
from .model import DateValue, Document, Evidence, Mention
from .read import FileRecord
from .worker import ArticleResult

log = logging.getLogger("kg")
T = TypeVar("T")

HEADER = struct.Struct(">8sHQI")  # magic, format version, payload length, payload CRC-32
STATE_MAGIC = b"kg-state"
CACHE_MAGIC = b"kg-cache"
PAGE_MAGIC = b"kg-pages"
VERSION = 1

# what a damaged payload can raise while it is decoded and its records built (UnicodeDecodeError and msgpack's
# ExtraData, FormatError and StackError are ValueErrors)
DECODE_ERRORS = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError,
                 msgpack.UnpackException)


class CorruptFile(Exception):
    """A file that is not one of ours, or not whole: the message says why."""


def encode(magic: bytes, payload: Any) -> bytes:
    """A file of kind `magic` holding `payload` (built of None, bool, int, float, str, bytes, tuple, list, dict)."""
    # surrogatepass: a file name or text that is not valid UTF-8 comes back as it was, as pickle kept it
    body = msgpack.packb(payload, use_bin_type=True, unicode_errors="surrogatepass")
    return HEADER.pack(magic, VERSION, len(body), zlib.crc32(body)) + body


def decode(magic: bytes, data: bytes, build: Callable[[Any], T]) -> T:
    """The records of a file of kind `magic` (`build` turns its payload into them); CorruptFile if it is not one."""
    if len(data) < HEADER.size:
        raise CorruptFile("too short to be a kg file")
    found, version, length, crc = HEADER.unpack_from(data)
    if found != magic:
        raise CorruptFile(f"not a {magic.decode()} file")
    if version != VERSION:
        raise CorruptFile(f"format version {version}, this kg reads {VERSION}")
    body = memoryview(data)[HEADER.size:]
    if len(body) != length:
        raise CorruptFile(f"{len(body)} bytes of payload, the header says {length}")
    if zlib.crc32(body) != crc:
        raise CorruptFile("damaged (checksum mismatch)")
    try:
        # every length msgpack reads is bounded by the payload's: a forged length cannot claim gigabytes
        payload = msgpack.unpackb(body, use_list=False, raw=False, strict_map_key=True,
                                  unicode_errors="surrogatepass", ext_hook=_no_ext,
                                  max_str_len=length, max_bin_len=length, max_array_len=length,
                                  max_map_len=length, max_ext_len=0)
        return build(payload)
    except DECODE_ERRORS as error:
        raise CorruptFile(f"undecodable ({type(error).__name__})") from None


def _no_ext(code: int, data: bytes) -> Any:
    raise ValueError(f"msgpack ext type {code}")


def read(path: Path, magic: bytes, build: Callable[[Any], T], then: str) -> T | None:
    """The records of the file at `path`; None when it is missing. A file that cannot be read or is not
    ours is discarded with a warning naming it and saying what the caller does `then` (computes it again)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        discard(path, f"unreadable ({error.strerror or error})", then)
        return None
    try:
        return decode(magic, data, build)
    except CorruptFile as error:
        discard(path, str(error), then)
        return None


def write(path: Path, magic: bytes, payload: Any) -> None:
    write_atomic(path, encode(magic, payload))


def discard(path: Path, reason: str, then: str) -> None:
    """Warn that `path` is unusable and remove it, so that the next build does not meet it again."""
    log.warning(f"{path}: {reason}; discarded, {then}")
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # a file we cannot remove is met (and skipped) again next time


# -- records ------------------------------------------------------------------------------------------------
# Each record as the tuple of its fields in the order of its definition: the decoder calls the class with them.
# Fields holding other records, lists (msgpack gives tuples back) or sets are converted explicitly.

def document_data(d: Document) -> tuple:
    return (d.id, d.source, d.raw_text, d.text, d.segments, d.title, d.published, d.published_basis, d.url,
            d.outlet, d.dateline, d.editors, d.authors, d.contributors, d.source_agencies, d.extra, d.language,
            d.removed_lines, d.headline_end, d.date_conflicts)


def document_from(row: tuple) -> Document:
    (doc_id, source, raw_text, text, segments, title, published, basis, url, outlet, dateline, editors, authors,
     contributors, agencies, extra, lang, removed, headline_end, conflicts) = row
    return Document(doc_id, source, raw_text, text, list(segments), title, published, basis, url, outlet,
                    dateline, list(editors), list(authors), list(contributors), list(agencies), dict(extra), lang,
                    removed, headline_end, list(conflicts))


def date_data(d: DateValue | None) -> tuple | None:
    return None if d is None else (d.value, d.precision, d.expression, d.anchor_days, d.anaphor, d.basis)


def date_from(row: tuple | None) -> DateValue | None:
    return None if row is None else DateValue(*row)


class MentionTable:
    """The mentions of one article result, each once: drafts and pronouns refer to them by their index, so
    that after loading they point to the very mentions of the result (resolution sets those)."""

    def __init__(self, mentions: list[Mention]):
        self.rows: list[tuple] = []
        self.index: dict[int, int] = {}  # id() of a mention -> its index
        for mention in mentions:
            self.ref(mention)

    def ref(self, mention: Mention | None) -> int | None:
        if mention is None:
            return None
        found = self.index.get(id(mention))
        if found is not None:
            return found
        n = self.index[id(mention)] = len(self.rows)
        self.rows.append(())  # reserved before the antecedent, so that a cycle ends here
        m = mention
        self.rows[n] = (m.doc_id, m.sentence, m.start, m.end, m.text, m.type, m.source, m.role, m.position,
                        m.role_of, m.canonical, m.title_only, m.entity_id, m.tokens, m.weak, self.ref(m.antecedent),
                        m.acting)
        return n


def mentions_from(rows: tuple) -> list[Mention]:
    mentions = [Mention(*row) for row in rows]  # antecedents still indexes here
    for mention in mentions:
        if mention.antecedent is not None:
            mention.antecedent = mentions[mention.antecedent]  # type: ignore[index]
    return mentions


def draft_data(d: Draft, table: MentionTable) -> tuple:
    refs = [table.ref(m) for m in d.actors], [table.ref(m) for m in d.addressees], [table.ref(m) for m in d.about]
    e = d.evidence
    return (d.kind, d.id, (e.doc_id, e.sentence_index, e.sentence, e.start, e.end), d.cue, *refs,
            table.ref(d.place), date_data(d.date), asdict(d.attrs) if is_dataclass(d.attrs) else d.attrs,
            date_data(d.news_day), d.at, d.occasion)


def draft_from(row: tuple, mentions: list[Mention]) -> Draft:
    kind_name, draft_id, evidence, cue, actors, addressees, about, place, date, attrs, news_day, at, occasion = row
    return Draft(kind_name, draft_id, Evidence(*evidence), cue, [mentions[n] for n in actors],
                 [mentions[n] for n in addressees], [mentions[n] for n in about],
                 None if place is None else mentions[place], date_from(date), kind(kind_name).attrs_type(**attrs),
                 date_from(news_day), at,
                 occasion)


def result_data(result: ArticleResult) -> tuple:
    """An article result (kg.worker) as the payload of a cache entry."""
    table = MentionTable(result.mentions)
    drafts = [draft_data(d, table) for d in result.drafts]  # may add mentions the result does not list
    return document_data(result.document), [table.index[id(m)] for m in result.mentions], table.rows, drafts


def result_from(payload: tuple) -> ArticleResult:
    document, listed, mention_rows, draft_rows = payload
    mentions = mentions_from(mention_rows)
    return ArticleResult(document_from(document), [mentions[n] for n in listed],
                         [draft_from(r, mentions) for r in draft_rows])


def file_record_data(r: FileRecord) -> tuple:
    return r.stamp, r.metadata, r.articles, r.warnings, r.skipped, r.rows


def file_record_from(row: tuple) -> FileRecord:
    stamp, metadata, articles, warnings, skipped, rows = row
    return FileRecord(stamp, metadata, list(articles), list(warnings), skipped, list(rows))
