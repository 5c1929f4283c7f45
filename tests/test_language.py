"""Language knowledge lives in data folders only: no word of a language in kg's code, optional files are
optional, and a second language is a folder (tests/lang/xx) that builds a graph with no code change."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
INDONESIAN = PACKAGE / "lang" / "id"
WORD = re.compile(r"[^\W\d_]{2,}")
# calls whose string arguments are messages for people, not linguistic knowledge
MESSAGE_CALLS = {"print", "warn", "warning", "error", "info", "debug", "exception", "critical", "add_argument",
                 "add_parser", "add_argument_group", "ArgumentParser", "write", "fail", "exit"}
# code outside language processing (the synthetic corpus generator writes Indonesian text on purpose)
NOT_LANGUAGE_CODE = {"synthetic.py"}


WORD_COLUMNS = {"word", "trigger", "cue", "title", "expression", "phrase", "particle", "text", "name", "unless",
                "prefix"}
REGEX_ESCAPE = re.compile(r"\\[A-Za-z]")  # \b, \s ...: not part of a word


def data_words(folder: Path) -> set[str]:
    """Every word of the language's data files, case-folded: the vocabulary code must not repeat."""
    words: set[str] = set()
    for path in folder.rglob("*"):
        if path.suffix not in (".txt", ".tsv") or not path.is_file() or "gazetteer" in path.parts:
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        if path.suffix == ".tsv" and lines:  # only the columns that hold words; the others hold codes and notes
            header = lines[0].split("\t")
            columns = [n for n, name in enumerate(header) if name in WORD_COLUMNS]
            lines = [cell for line in lines[1:] for n, cell in enumerate(line.split("\t")) if n in columns]
        for line in lines:
            words.update(word.casefold() for word in WORD.findall(line))
    return words


def is_message(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True for a string that is a docstring, part of a raised error or a message call's argument."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, (ast.Raise, ast.Assert)):
            return True
        if isinstance(parent, ast.Expr) and isinstance(child, ast.Constant):
            return True  # a docstring (or a bare string statement)
        if isinstance(parent, ast.Call):
            func = parent.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in MESSAGE_CALLS or name.endswith("Error"):
                return True
        if isinstance(parent, (ast.FunctionDef, ast.ClassDef, ast.Module)):
            return False
        child, parent = parent, parents.get(parent)
    return False


def code_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the string literals of a module that are neither docstrings nor messages."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not is_message(node, parents)]


def identifier_words() -> set[str]:
    """The words of kg's own identifiers (names, attributes, arguments split at '_'): code's vocabulary."""
    words: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (getattr(node, "id", None) or getattr(node, "attr", None) or getattr(node, "arg", None)
                    or (node.name if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else None))
            if isinstance(name, str):
                words.update(part.casefold() for part in name.split("_"))
    return words


QUOTED = re.compile(r'"[^"]*"|“[^”]*”|‘[^’]*’|\'[^\']*\'|`[^`]*`|«[^»]*»')


def prose_words() -> set[str]:
    """The words of kg's docstrings and comments outside quotes: the English code is explained in (the examples
    of a language they quote are left out)."""
    words: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        prose = [token.string for token in tokenize.generate_tokens(io.StringIO(source).readline)
                 if token.type == tokenize.COMMENT]
        prose += [ast.get_docstring(node) or "" for node in ast.walk(ast.parse(source))
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
        for text in prose:
            words.update(word.casefold() for word in WORD.findall(QUOTED.sub(" ", text)))
    return words


def words_in_code(vocabulary: set[str]) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in NOT_LANGUAGE_CODE:
            continue
        for line, text in code_literals(path):
            hits = sorted({w for w in WORD.findall(REGEX_ESCAPE.sub(" ", text)) if w.casefold() in vocabulary})
            if hits:
                found.append(f"{path.relative_to(ROOT)}:{line}: {', '.join(hits)}")
    return found


# words of a language that code used to hold and that are not (or not only) in a data file's first column
KNOWN_WORDS = {"nya", "menurut", "oleh", "untuk", "hari", "bulan", "tahun", "pada", "pukul", "wib", "wita", "wit",
               "dan", "di", "foto", "ilustrasi", "yang", "bahwa", "kemarin", "ini", "itu", "januari"}
# words of the data files that kg's code uses as codes or names, not as words of a language (role names, web
# host labels, browser flags, SVG shapes, RDF prefixes, SPARQL keywords, HTTP headers, sysconf names ...), and
# English words of messages
CODE_TOKENS = {"www", "net", "prov", "cs", "networking", "audio", "google", "upgrade", "diamond", "ad", "lt", "face",
               "yes", "upstream", "zone", "photo", "and", "minus", "transfer", "sc"}


def test_no_word_of_a_language_in_code():
    vocabulary = (data_words(INDONESIAN) - identifier_words() - prose_words() - CODE_TOKENS) | KNOWN_WORDS
    found = words_in_code(vocabulary)
    assert not found, "words of a language in kg's code (move them to kg/lang/<code>/):\n" + "\n".join(found)


def test_the_checker_sees_a_word_in_code(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Doc: bahwa."""\nTIMES = ("kemarin", "besok")\nraise ValueError("bahwa")\n')
    assert [text for _, text in code_literals(module)] == ["kemarin", "besok"]


XX = ROOT / "tests" / "lang" / "xx"  # a tiny English-like test language: only its own files
XX_ARTICLE = """Norland and Sudland talk in Port Vale

President Arne Holm met with Minister Bea Lund in Port Vale on Tuesday, 12 March 2024.

President Arne Holm said that the talks were good.

"We will meet again," said Minister Bea Lund yesterday.
"""
ARTICLE_QUERY = """PREFIX kgo: <https://w3id.org/kg-news/ontology#>
SELECT ?kind ?fact ?who ?date ?said WHERE {
  { ?fact a kgo:Statement ; kgo:speaker ?who . OPTIONAL { ?fact kgo:quote ?said } OPTIONAL { ?fact kgo:content ?said }
    BIND("statement" AS ?kind) }
  UNION { ?fact a kgo:Meeting ; kgo:participant ?who . BIND("meeting" AS ?kind) }
  OPTIONAL { ?fact kgo:date ?date }
}"""


def build_xx(tmp_path: Path, *options: str) -> Path:
    from kg.cli import main

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "talks.txt").write_text(XX_ARTICLE, encoding="utf-8")
    (articles / "metadata.csv").write_text("file,published\ntalks.txt,2024-03-14\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(articles), "-o", str(out), "-q", "--no-html", "--lang", str(XX), *options]) == 0
    return out


def test_a_second_language_is_a_folder(tmp_path):
    import pyoxigraph

    out = build_xx(tmp_path)
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = [(row["kind"].value, row["fact"].value.rsplit("/", 2)[-2:], row["who"].value.rsplit("/", 1)[-1],
             row["date"].value if row["date"] else None, row["said"].value if row["said"] else None)
            for row in store.query(ARTICLE_QUERY)]
    statements = sorted((who, date, said) for kind, _, who, date, said in rows if kind == "statement")
    meetings = sorted((who, date) for kind, _, who, date, _ in rows if kind == "meeting")
    assert statements == [("arne-holm", "2024-03-12", "the talks were good."),
                          ("bea-lund", "2024-03-13", "We will meet again")]  # "yesterday" of 14 March
    assert meetings == [("arne-holm", "2024-03-12"), ("bea-lund", "2024-03-12")]
    assert '"xx"' in (out / "graph.ttl").read_text(encoding="utf-8")  # the language is known by its code


def test_the_test_language_has_only_its_own_files():
    from kg.analyse import ner_pipeline
    from kg.lang import load
    from kg.ner import model_dir

    xx = load(str(XX))
    assert xx.code == "xx" and xx.folder == XX
    assert not xx.common_words and not xx.clitics and not xx.boilerplate  # nothing of Indonesian leaks in
    assert model_dir(xx) is None and ner_pipeline(str(XX)) is None  # no model: rules and gazetteer only
    assert load("xx") is xx  # loaded by path, then known by its code (a document's language)


def minimal_language(tmp_path: Path, name: str = "xx") -> Path:
    """A language folder with the required files only."""
    folder = tmp_path / name
    folder.mkdir()
    for required in ("abbreviations.txt", "calendar.tsv"):
        (folder / required).write_text((XX / required).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_optional_files_are_optional(tmp_path):
    from kg.cli import main
    from kg.lang import REQUIRED, load

    folder = minimal_language(tmp_path)
    lang = load(str(folder))
    assert REQUIRED == ("abbreviations.txt", "calendar.tsv")
    assert lang.months["march"] == 3 and not lang.cues and not lang.meeting_triggers and not lang.gazetteer
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "talks.txt").write_text(XX_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(articles), "-o", str(out), "-q", "--no-html", "--lang", str(folder)]) == 0
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "kgo:Statement" not in graph and "kgo:Meeting" not in graph  # no cues, no triggers: no such facts


def run_kg(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("file, text, message", [
    ("speech_cues.tsv", "cue\torder\tact\tcameo\nsaid\tpre\tsay\n", "speech_cues.tsv:2: no cameo"),
    ("relative_dates.tsv", "expression\tunit\toffset\nyesterday\tday\tone\n",
     "relative_dates.tsv:2: offset must be a whole number, not 'one'"),
    ("meeting_markers.tsv", "word\n# a comment\nwith\n", "meeting_markers.tsv:1: the header has no role column"),
    ("coordinators.tsv", "word\tjoins\nand\tboth\textra\n", "coordinators.tsv:2: 3 cells, but the header names 2"),
    ("boilerplate.tsv", "action\tmatch\ttext\ndrop\tregex\t(unclosed\n", "boilerplate.tsv:2: missing ), unterminated"),
])
def test_a_malformed_line_is_a_one_line_error(tmp_path, file, text, message):
    from kg.lang import LanguageDataError, load

    folder = minimal_language(tmp_path)
    (folder / file).write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=re.escape(message)):
        load(str(folder))


def test_a_bad_language_folder_fails_the_build_in_one_line(tmp_path):
    folder = minimal_language(tmp_path)
    (folder / "speech_cues.tsv").write_text("cue\torder\tact\tcameo\nsaid\tpre\tsay\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(XX_ARTICLE, encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--lang", str(folder))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"kg: error: {folder / 'speech_cues.tsv'}:2: no cameo")
    assert not (tmp_path / "out" / "graph.ttl").exists()
    (folder / "calendar.tsv").unlink()
    proc = run_kg("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--lang", str(folder))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"kg: error: {folder}: not a language folder, it has no calendar.tsv"]


def test_the_ner_model_comes_from_the_language_folder(tmp_path):
    from kg.analyse import ner_pipeline
    from kg.lang import load
    from kg.ner import MODEL_DIR, model_dir

    assert model_dir(load("id")) == MODEL_DIR == INDONESIAN / "ner"
    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("no trained NER model in kg/lang/id/ner")
    folder = minimal_language(tmp_path)
    (folder / "ner").symlink_to(MODEL_DIR, target_is_directory=True)
    nlp = ner_pipeline(str(folder))
    assert nlp is not None and "ner" in nlp.pipe_names and nlp.lang == "xx"
