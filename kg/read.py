"""Stage 1, read: turn input paths into Documents holding the article text as read.

Supported inputs: ``.txt``/``.md`` (one article a file), ``.jsonl`` (one article a line),
``.html``/``.htm`` (main text and metadata through trafilatura), and an optional
``metadata.csv`` beside the articles that supplies what the text lacks.
Problems with one article are warnings and the article is skipped; problems that stop
the whole build raise InputError with a one-line message.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .model import Document

log = logging.getLogger("kg")

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
METADATA_NAME = "metadata.csv"
METADATA_FIELDS = ("published", "url", "outlet", "title")
JSONL_FIELDS = ("id", "title", "url", "outlet", "published")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a JSONL file of many articles may be large
MAX_ARTICLE_CHARS = 2_000_000  # no news article is this long: such a text is skipped with a warning


class InputError(Exception):
    """A problem with the user's input that stops the build (printed as one line)."""


@dataclass
class ReadReport:
    read: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str, skip: bool = False) -> None:
        self.warnings.append(message)
        if skip:
            self.skipped += 1
        log.warning(message)


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
# a publication day in a URL path: /2022/03/29/ or a segment /20221222/
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?=/|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$)")


def parse_published(value: str) -> str | None:
    """Normalise a publication date/time to ISO 8601; None if it is not a valid date. Where only the month or the
    year is known, "2022-02" and "2022" are kept as they are."""
    value = value.strip()
    if not value:
        return None
    partial = PARTIAL_DATE.match(value)
    if partial:
        month = partial[2]
        return value if month is None or 1 <= int(month) <= 12 else None
    candidate = value.replace("Z", "+00:00")
    for parser in (datetime.fromisoformat, date.fromisoformat):
        try:
            parsed = parser(candidate)
        except ValueError:
            continue
        if isinstance(parsed, datetime):
            return parsed.isoformat(timespec="minutes") if (parsed.hour or parsed.minute) else parsed.date().isoformat()
        return parsed.isoformat()
    return None


def published_from_url(url: str | None) -> str | None:
    """The publication day a news URL carries in its path ("/read/2022/03/29/...", "/read/20221222/..."), if any."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = (g for g in match.groups() if g)
    return parse_published(f"{year}-{month}-{day}")


def safe_id(text: str) -> str:
    """A document id usable in IRIs and file names."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text.strip()).strip("-.")
    return cleaned or "doc"


# Byte order marks of the encodings kg reads besides UTF-8, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# Characters the analysis and the outputs cannot hold: C0 controls other than tab and line breaks, lone
# surrogates (JSON can escape them), U+FFFE and U+FFFF, i.e. what XML 1.0 does not allow.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_characters(text: str) -> tuple[str, int]:
    """The text with every character the analysis cannot take replaced by U+FFFD, and how many there were."""
    return BAD_CHARACTERS.subn("\ufffd", text)


def warn_replaced(where: str, count: int, report: ReadReport) -> None:
    report.warn(f"{where}: {count:,} character{'s' if count > 1 else ''} that cannot be analysed (control "
                f"characters, lone surrogates) replaced with U+FFFD")


def decode(data: bytes, path: Path, report: ReadReport) -> str | None:
    """Decode file bytes: UTF-16 or UTF-32 with a byte order mark, else UTF-8 (with or without one), falling back
    to Windows-1252 with a warning; None for binary."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                report.warn(f"{path}: not valid {encoding.upper()} (byte {err.start}), undecodable parts replaced")
                return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        report.warn(f"{path}: binary file (NUL bytes), skipped", skip=True)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        report.warn(f"{path}: not valid UTF-8 (byte {err.start}), decoded as Windows-1252")
        return data.decode("cp1252", errors="replace")


class InputPaths(list):
    """The input paths of a build (a list of them) with the folders that are never read as input: the build's
    output and cache folders, which may lie inside an input folder."""

    def __init__(self, paths: Iterable[str | Path], skip: Iterable[str | Path | None] = ()) -> None:
        super().__init__(paths)
        self.skip = [Path(p) for p in skip if p is not None]


def folder_key(path: str | Path) -> tuple[int, int] | None:
    """What identifies a folder however it is named (through links, relative or absolute)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def link_target(path: Path) -> str:
    try:
        return f" (to {os.readlink(path)})"
    except OSError:  # not a link after all: the file went away while the folder was read
        return ""


def walk_articles(root: Path, skip: set[tuple[int, int]], report: ReadReport) -> list[Path]:
    """The article files in the folder and its sub-folders, in a stable order. Folders in `skip` are not entered;
    unreadable folders, broken links and files of other types are warned about."""
    found: list[Path] = []
    unsupported: Counter[str] = Counter()
    visited = {folder_key(root)}

    def unreadable(err: OSError) -> None:
        if Path(err.filename) != root:  # the input folder itself is the caller's to report
            report.warn(f"{err.filename}: cannot read folder ({err.strerror}), skipped")

    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=True):
        kept = []
        for name in sorted(subfolders):
            if name.startswith("."):  # .git, .venv, a .kg-cache: never articles
                continue
            key = folder_key(os.path.join(folder, name))
            if key in skip:
                continue  # the build's own output
            if key in visited:  # a link back up the tree, or a second link to one folder
                report.warn(f"{os.path.join(folder, name)}: folder already read through another path, skipped")
                continue
            visited.add(key)
            kept.append(name)
        subfolders[:] = kept
        for name in names:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            suffix = path.suffix.lower()
            if not path.exists():  # os.walk lists links among the files
                report.warn(f"{path}: broken link{link_target(path)}, skipped", skip=suffix in ARTICLE_SUFFIXES)
            elif suffix in ARTICLE_SUFFIXES:
                if path.is_file():
                    found.append(path)
            elif suffix and name != METADATA_NAME:  # files without a suffix (README, LICENSE) are not articles
                unsupported[suffix] += 1
    if unsupported:
        count = sum(unsupported.values())
        report.warn(f"{root}: skipped {count} file{'s' if count > 1 else ''} of unsupported type"
                    f"{'s' if len(unsupported) > 1 else ''} ({', '.join(sorted(unsupported))})")
    return sorted(found)


def readable_label(label: str, path: Path, report: ReadReport) -> str:
    """The label as the outputs can hold it: a file name that is not valid UTF-8 comes from Python with lone
    surrogates standing for its bytes, which no UTF-8 output can take."""
    cleaned = os.fsencode(label).decode("utf-8", errors="replace")
    if cleaned != label:
        report.warn(f"{path}: file name is not valid UTF-8, recorded as {cleaned!r}")
    return cleaned


def iter_article_files(inputs: Iterable[str | Path], report: ReadReport | None = None,
                       skip: Iterable[str | Path] | None = None) -> Iterator[tuple[Path, str]]:
    """(file, label) for the article files named by the inputs, folders searched recursively, in a stable
    order. The label names the file without machine-specific parts: "<folder name>/<path in it>" for files
    found in a folder, the file name for files named directly. It is what the graph records as the source.
    Folders in `skip` (by default the `skip` of InputPaths) are never read: an output folder inside an input
    folder is passed over, an input folder that is one is an error."""
    report = report or ReadReport()
    skip = getattr(inputs, "skip", ()) if skip is None else skip
    skip_keys = {key for key in map(folder_key, skip) if key is not None}
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():
                raise InputError(f"{path}: broken link{link_target(path)}")
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            if folder_key(path) in skip_keys:
                raise InputError(f"{path}: this build writes here (its output, cache or store folder), so it "
                                 "is not read as input; write the output elsewhere")
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputError(f"{path}: cannot read folder (permission denied)")
            found = walk_articles(path, skip_keys, report)
            if not found:
                raise InputError(f"{path}: no articles found (.txt, .md, .jsonl, .html)")
            folder = path.resolve().name
            yield from ((p, readable_label(f"{folder}/{p.relative_to(path).as_posix()}", p, report)) for p in found)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield path, readable_label(path.name, path, report)
        elif path.name == METADATA_NAME:
            continue
        else:
            raise InputError(f"{path}: unsupported file type '{path.suffix}' (use .txt, .md, .jsonl or .html)")


def too_long(text: str, where: str, report: ReadReport) -> bool:
    if len(text) > MAX_ARTICLE_CHARS:
        report.warn(f"{where}: {len(text):,} characters, longer than any news article "
                    f"(limit {MAX_ARTICLE_CHARS:,}), skipped", skip=True)
        return True
    return False


def read_text_file(path: Path, label: str, report: ReadReport) -> Iterator[Document]:
    text = read_bytes_as_text(path, report)
    if text is None:
        return
    if not text.strip():
        report.warn(f"{path}: empty file, skipped", skip=True)
        return
    if too_long(text, str(path), report):
        return
    yield Document(id=safe_id(path.stem), source=label, raw_text=text)


def read_bytes_as_text(path: Path, report: ReadReport, clean: bool = True) -> str | None:
    """The file's text (None if it cannot be read or is binary); with `clean`, characters that cannot be
    analysed are replaced with one warning naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.warn(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, skipped", skip=True)
            return None
        data = path.read_bytes()
    except OSError as err:
        report.warn(f"{path}: cannot read ({err.strerror}), skipped", skip=True)
        return None
    text = decode(data, path, report)
    if text is not None and clean:
        text, replaced = clean_characters(text)
        if replaced:
            warn_replaced(str(path), replaced, report)
    return text


def clean_record(value: object) -> tuple[object, int]:
    """A parsed JSON value with the strings in it cleaned (JSON escapes such as \\ud800 or \\u0000 make
    characters that cannot be analysed), and how many characters were replaced."""
    if isinstance(value, str):
        return clean_characters(value)
    if isinstance(value, list):
        items = [clean_record(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        cleaned, replaced = {}, 0
        for key, item in value.items():
            (key, in_key), (item, in_item) = clean_record(key), clean_record(item)
            cleaned[key] = item
            replaced += in_key + in_item
        return cleaned, replaced
    return value, 0


def read_jsonl_file(path: Path, label: str, report: ReadReport) -> Iterator[Document]:
    text = read_bytes_as_text(path, report, clean=False)  # cleaned line by line, to name the line
    if text is None:
        return
    if not text.strip():
        report.warn(f"{path}: empty file, skipped", skip=True)
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        line, replaced = clean_characters(line)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            report.warn(f"{where}: malformed JSON ({err.msg} at column {err.colno}), line skipped", skip=True)
            continue
        if not isinstance(record, dict):
            report.warn(f"{where}: expected a JSON object, line skipped", skip=True)
            continue
        record, escaped = clean_record(record)
        if replaced + escaped:
            warn_replaced(where, replaced + escaped, report)
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            report.warn(f"{where}: no 'text' field with article text, line skipped", skip=True)
            continue
        if too_long(body, where, report):
            continue
        doc_id = safe_id(str(record["id"])) if record.get("id") not in (None, "") else f"{safe_id(path.stem)}-{lineno}"
        doc = Document(id=doc_id, source=f"{label}:{lineno}", raw_text=body)
        for key in JSONL_FIELDS[1:]:
            value = record.get(key)
            if value in (None, ""):
                continue
            if key == "published":
                published = parse_published(str(value))
                if published is None:
                    report.warn(f"{where}: bad 'published' date {value!r}, ignored")
                    continue
                doc.published, doc.published_basis = published, "jsonl"
            else:
                setattr(doc, key, str(value).strip())
        doc.extra = {k: str(v) for k, v in record.items() if k not in JSONL_FIELDS and k != "text" and v is not None}
        yield doc


def read_html_file(path: Path, label: str, report: ReadReport) -> Iterator[Document]:
    import trafilatura  # imported here: costly, and only HTML input needs it

    html = read_bytes_as_text(path, report)
    if html is None:
        return
    if not html.strip():
        report.warn(f"{path}: empty file, skipped", skip=True)
        return
    if too_long(html, str(path), report):
        return
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises many kinds on broken markup
        report.warn(f"{path}: cannot extract article from HTML ({err.__class__.__name__}), skipped", skip=True)
        return
    data = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    data, replaced = clean_record(data)  # character references (&#1;) can make what the file did not hold
    if replaced:
        warn_replaced(str(path), replaced, report)
    text = data.get("text") or ""
    if not text.strip():
        report.warn(f"{path}: no article text found in HTML, skipped", skip=True)
        return
    doc = Document(id=safe_id(path.stem), source=label, raw_text=text)
    doc.title = data.get("title") or None
    doc.url = data.get("url") or None
    doc.outlet = data.get("sitename") or None
    if data.get("author"):
        doc.authors = [a.strip() for a in re.split(r";|\|", data["author"]) if a.strip()]
    published = parse_published(data.get("date") or "")
    if published:
        doc.published, doc.published_basis = published, "html"
    yield doc


READERS = {**{s: read_text_file for s in TEXT_SUFFIXES}, **{s: read_jsonl_file for s in JSONL_SUFFIXES},
           **{s: read_html_file for s in HTML_SUFFIXES}}


def read_metadata(path: Path, report: ReadReport) -> dict[str, dict[str, str]]:
    """metadata.csv rows keyed by the 'file' column (a file name, relative path or JSONL id). Read by the csv
    module: a quoted cell may hold line breaks; a later row for the same file wins, with a warning."""
    text = read_bytes_as_text(path, report)
    if text is None:
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: dict[str, dict[str, str]] = {}
    end = 0  # the line the last record ended on
    try:
        for cells in reader:
            lineno, end = end + 1, reader.line_num
            if not cells:
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                if "file" not in header:
                    report.warn(f"{path}:{lineno}: metadata.csv needs a 'file' column, ignored")
                    return {}
                continue
            row = {key: value.strip() for key, value in zip(header, cells, strict=False)}
            name = row.pop("file", "")
            if not name:
                report.warn(f"{path}:{lineno}: empty 'file' cell, row ignored")
                continue
            if row.get("published") and parse_published(row["published"]) is None:
                report.warn(f"{path}:{lineno}: bad date {row['published']!r} for {name}, ignored")
                row["published"] = ""
            if name in rows:
                report.warn(f"{path}:{lineno}: a second row for {name!r} (the first is line "
                            f"{rows[name]['_line']}); this one wins")
            rows[name] = {**row, "_line": str(lineno)}
    except csv.Error as err:  # a cell over the csv module's size limit, for one
        report.warn(f"{path}:{reader.line_num}: unreadable CSV ({err}), the rest of metadata.csv ignored")
    if header is None:
        report.warn(f"{path}:1: metadata.csv needs a 'file' column, ignored")
    return rows


def apply_metadata(doc: Document, row: dict[str, str]) -> None:
    """metadata.csv wins over what the text or the file itself says."""
    for key in METADATA_FIELDS:
        value = row.get(key, "")
        if not value:
            continue
        if key == "published":
            doc.published, doc.published_basis = parse_published(value), "metadata"
        else:
            setattr(doc, key, value)
    doc.extra.update({k: v for k, v in row.items() if k not in METADATA_FIELDS and not k.startswith("_") and v})


@dataclass(slots=True)
class Known:
    """An article of an input file that has not changed since an earlier build read it (the file is not read
    again): its id."""

    id: str


@dataclass
class FileRecord:
    """What reading one input file gave, for a later build to reuse while the file and the metadata.csv beside
    it keep their size, modification time and inode."""

    stamp: tuple[int, int, int]
    metadata: tuple[int, int, int] | None  # stamp of the folder's metadata.csv, if any
    articles: list[tuple[str, str, str]]  # (id in the file, id given, source) of each article read from it
    warnings: list[str]
    skipped: int
    rows: list[str]  # the metadata.csv rows it used


def stamp_of(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def unique_id(doc_id: str, seen: dict[str, str]) -> str:
    """doc_id, or doc_id-2, doc_id-3 ... when an earlier article has it."""
    if doc_id not in seen:
        return doc_id
    n = 2
    while f"{doc_id}-{n}" in seen:
        n += 1
    return f"{doc_id}-{n}"


class _Reread(Exception):
    """An unchanged file's article id is taken by a changed file: every file must be read again."""


def read_inputs(inputs: Iterable[str | Path], report: ReadReport | None = None,
                skip: Iterable[str | Path] | None = None) -> tuple[list[Document], ReadReport]:
    """Read every article named by the inputs; metadata.csv files beside them are applied. Folders in `skip`
    (by default the `skip` of InputPaths: the build's output) are never read."""
    skip = getattr(inputs, "skip", ()) if skip is None else skip
    documents, report, _ = _read(list(inputs), report or ReadReport(), {}, skip)
    return documents, report  # type: ignore[return-value]  # with nothing known, every entry is a Document


def read_changed(inputs: Iterable[str | Path], known: dict[str, FileRecord], skip: Iterable[str | Path] | None = None
                 ) -> tuple[list[Document | Known], ReadReport, dict[str, FileRecord]]:
    """Like read_inputs, but the articles of a file that `known` (an earlier build's records, by absolute path)
    says has not changed come as Known entries; also returns the records of this reading."""
    skip = list(getattr(inputs, "skip", ()) if skip is None else skip)
    inputs = list(inputs)
    try:
        return _read(inputs, ReadReport(), known, skip)
    except _Reread:
        return _read(inputs, ReadReport(), {}, skip)


def _read(inputs: list[str | Path], report: ReadReport, known: dict[str, FileRecord], skip: Iterable[str | Path]
          ) -> tuple[list[Document | Known], ReadReport, dict[str, FileRecord]]:
    labels = dict(iter_article_files(inputs, report, skip))  # also drops a file named twice
    files = list(labels)
    metadata: dict[Path, dict[str, dict[str, str]]] = {}
    metadata_stamps: dict[Path, tuple[int, int, int] | None] = {}
    folders = {p.parent for p in files} | {Path(i) for i in inputs if Path(i).is_dir()}
    for folder in sorted(folders):
        meta_path = folder / METADATA_NAME
        if meta_path.is_file():
            metadata_stamps[folder] = stamp_of(meta_path)
            metadata[folder] = read_metadata(meta_path, report)
    documents: list[Document | Known] = []
    records: dict[str, FileRecord] = {}
    seen_ids: dict[str, str] = {}
    used_rows: set[tuple[Path, str]] = set()
    for path in files:
        name, stamp = os.path.abspath(path), stamp_of(path)
        record = known.get(name)
        if record is not None and stamp is not None and (record.stamp, record.metadata) == (
                stamp, metadata_stamps.get(path.parent)):
            for original, doc_id, source in record.articles:
                if unique_id(original, seen_ids) != doc_id:
                    raise _Reread  # another file now takes (or no longer takes) its id
                seen_ids[doc_id] = source
                documents.append(Known(doc_id))
            for warning in record.warnings:
                report.warn(warning)
            report.read += len(record.articles)
            report.skipped += record.skipped
            used_rows.update((path.parent, row) for row in record.rows)
            records[name] = record
            continue
        rows = metadata.get(path.parent, {})
        warned, skipped, read, used = len(report.warnings), report.skipped, [], []
        for doc in READERS[path.suffix.lower()](path, labels[path], report):
            for key in (path.name, str(path), doc.id):
                if key in rows:
                    apply_metadata(doc, rows[key])
                    used_rows.add((path.parent, key))
                    used.append(key)
                    break
            if not doc.published and published_from_url(doc.url):
                doc.published, doc.published_basis = published_from_url(doc.url), "url"
            original = doc.id
            doc.id = unique_id(original, seen_ids)
            if doc.id != original:
                report.warn(f"{doc.source}: document id {original!r} already used by {seen_ids[original]}, "
                            f"renamed to {doc.id!r}")
            seen_ids[doc.id] = doc.source
            documents.append(doc)
            read.append((original, doc.id, doc.source))
            report.read += 1
        if stamp is not None:
            records[name] = FileRecord(stamp, metadata_stamps.get(path.parent), read, report.warnings[warned:],
                                       report.skipped - skipped, used)
    for folder, rows in sorted(metadata.items()):
        for name, row in rows.items():
            if (folder, name) not in used_rows:
                report.warn(f"{folder / METADATA_NAME}:{row['_line']}: names unknown file {name!r}, row ignored")
    if not documents:
        raise InputError("no readable articles in " + ", ".join(str(i) for i in inputs))
    return documents, report, records
