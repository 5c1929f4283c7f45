"""Stage 7, export: RDF (Turtle and TriG) and an offline HTML page, all read from the graph.

This module holds how kg writes files: each one under a temporary name in its folder, renamed when complete
(atomic_open), and a build's outputs renamed together (OutputSet), so that a failure or a kill never leaves a
half-written file or a new graph.ttl beside an old graph.html (or an old graph.trig: a file of the last build
that this one does not write goes with the set, see OutputSet.remove).
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("kg")
TEMP_SUFFIX = ".tmp"
TEMP_NAME = r"\.{name}\.[a-z0-9_]{{8}}\.tmp"  # what temp_file makes for <name>
COMMIT_NAME = ".kg-commit.json"  # the renames and removals of an OutputSet, while they are being made


TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def temp_file(path: Path) -> tuple[int, Path]:
    """A new file beside `path` (same folder, so renaming it onto `path` is atomic), created as open() creates
    files (mode 0666 less the umask, which the kernel applies; mkstemp would make it 0600)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{''.join(secrets.choice(TEMP_CHARS) for _ in range(8))}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: no free temporary name for {path.name}")


def temp_pattern(name: str) -> re.Pattern:
    """The names temp_file gives the temporary files of `name`."""
    return re.compile(TEMP_NAME.format(name=re.escape(name)))


@contextmanager
def written(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A temporary file for `path`, open for writing, and its path; removed if the block raises."""
    fd, tmp = temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` only when complete: written to a temp file, then renamed.
    On any error the temp file is removed and `path` keeps its old content."""
    path = Path(path)
    with written(path) as (handle, tmp):
        yield handle
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write a whole file atomically (see atomic_open)."""
    with atomic_open(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


class OutputSet:
    """Files of one folder written under temporary names and renamed into place together when the block ends
    without an error (else removed): a kill at any point leaves the old set or, once recover() has run, the new.

    Files of an earlier set that this one replaces by nothing (remove) go with the commit, after the renames.
    Before the first rename the renames and removals are written to a journal (COMMIT_NAME); it goes once they are
    all made. A kill in between leaves the journal, and recover() makes the renames and removals that are left.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.staged: list[tuple[Path, str]] = []  # (temporary file, name it gets)
        self.removed: list[str] = []  # names of files that go when the set is committed

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: type | None, exc: BaseException | None, traceback: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()

    @contextmanager
    def open(self, name: str) -> Iterator[BinaryIO]:
        """A binary file that becomes `name` in the folder with the rest of the set."""
        with written(self.folder / name) as (handle, tmp):
            yield handle
        self.staged.append((tmp, name))

    def write(self, name: str, data: str | bytes) -> None:
        with self.open(name) as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)

    def remove(self, name: str) -> bool:
        """Have the file `name` of the folder go when the set is committed (a file of an earlier build that this
        one does not write, which must not stay beside the new files). True if there is such a file now."""
        if not (self.folder / name).exists():
            return False
        self.removed.append(name)
        return True

    def commit(self) -> None:
        staged, self.staged = self.staged, []
        removed, self.removed = self.removed, []
        journal = self.folder / COMMIT_NAME
        write_atomic(journal, json.dumps({"renames": [[tmp.name, name] for tmp, name in staged],
                                          "removals": removed}))
        try:
            for tmp, name in staged:
                os.replace(tmp, self.folder / name)
            for name in removed:
                (self.folder / name).unlink(missing_ok=True)
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): finish the set before going on
            recover(self.folder)
            raise
        journal.unlink()

    def discard(self) -> None:
        staged, self.staged = self.staged, []
        self.removed = []
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def recover(folder: str | Path) -> bool:
    """Finish an OutputSet commit that a kill interrupted in `folder`: make the renames its journal lists whose
    temporary files are still there, and the removals. True if there was one. A journal that is not kg's is removed
    with a warning; a rename that fails raises OSError (the journal stays, for the next try)."""
    folder = Path(folder)
    journal = folder / COMMIT_NAME
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
        renames, removals = entries["renames"], entries.get("removals", [])
        # only the renames kg makes: a temporary file of a name onto that name, in this folder
        if not all(isinstance(tmp, str) and output_name(name) and temp_pattern(name).fullmatch(tmp)
                   for tmp, name in renames):
            raise ValueError("not kg's renames")
        if not isinstance(removals, list) or not all(output_name(name) for name in removals):
            raise ValueError("not kg's removals")
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        log.warning(f"{journal}: unreadable commit journal ({err}), removed")
        journal.unlink(missing_ok=True)
        return False
    for tmp, name in renames:
        if (folder / tmp).exists():
            os.replace(folder / tmp, folder / name)
    for name in removals:
        (folder / name).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    log.info(f"{folder}: completed the outputs an interrupted build had written")
    return True


def output_name(name: object) -> bool:
    """Whether a journal's name is one an OutputSet writes: a plain file name in the folder, not a hidden one."""
    return isinstance(name, str) and bool(name) and Path(name).name == name and not name.startswith(".")


def remove_stale_temps(folder: str | Path, pattern: re.Pattern) -> list[Path]:
    """Remove the files of `folder` whose names match `pattern` (temporary files a killed kg left; call it only
    where no other kg can be writing). The removed paths."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return removed
