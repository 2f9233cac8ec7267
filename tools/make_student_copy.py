"""Write a self-contained student copy of the collection to a folder, for a teacher to publish on its own.

Run it from the top folder of the collection::

    python -m tools.make_student_copy --out ../inf-lessons-student
    python -m tools.make_student_copy --out ../inf-lessons-student --repo ACCOUNT/NAME  # another Binder link
    python -m tools.make_student_copy --out ../inf-lessons-student --check  # exit 1 if it is out of date

The folder is what students get through Binder or nbgitpuller: push it as its own repository and write
its address as ``student_repository`` in ``addresses.toml`` (the links, and this README's Binder link,
are built from there; ``--repo`` overrides it). Its layout::

    00-start-here.ipynb ... who-is-who.ipynb   the student lessons, made fresh from notebooks/
    helpers/                                   the package, as real files (no symlink)
    data/                                      every table; model answers and rubrics sealed
    README.md, LICENSE, LICENSE-CONTENT.md, CITATION.cff
    requirements.txt, runtime.txt, binder/, pyproject.toml   what Binder or pip installs
    .gitignore, .student-copy                  the marker: this command wrote the folder

``helpers/data/paths.py`` finds ``data/`` as the nearest folder above the package holding
``data/datapackage.json``, so ``helpers/`` and ``data/`` sit side by side at the top, and the lessons sit
beside them: a kernel started in the lesson's folder imports ``helpers`` with nothing installed. Links
``../data/...`` and ``../LICENSE`` in the lessons become ``data/...`` and ``LICENSE``.

What stays out: the instructor notebooks, ``teacher/``, ``tests/``, ``tools/``, ``benchmarks/`` and every
line of a solution block (the lessons go through :func:`tools.make_student_versions.student_notebook`).
The answers are kept out of plain sight (:mod:`helpers.checks.sealed`):

- in ``helpers/``, every literal given to ``AnswerKey`` becomes its salted hash, every text given to
  ``hidden`` is sealed, and docstring examples are left out (:func:`protect_source`);
- in ``data/``, each column marked ``"studentCopy": "hash"`` or ``"seal"`` in ``datapackage.json`` is hashed
  or sealed (:func:`protect_table`): model answers, rubrics and checklists still open through the check
  once the student has written something.

The command never deletes a file it did not write: ``--out`` must be missing, empty (a ``.git`` folder
alone is allowed, as in a freshly cloned empty repository) or a copy it made before (its ``.student-copy``
marker lists the files it wrote; only those are replaced or removed).
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import nbformat

from helpers.checks.sealed import fingerprint, seal
from helpers.data.paths import REPO_ROOT
from helpers.data.schema import TableSchema, table_names, table_schema
from tools import addresses
from tools import make_student_versions as msv

__all__ = ["MARKER", "compare", "main", "planned_files", "protect_source", "protect_table", "write_copy"]

MARKER = ".student-copy"
MARKER_TITLE = "# Written by python -m tools.make_student_copy; the files it wrote:"
TEMPLATES = Path(__file__).resolve().parent / "student_copy"
COPIED = ("LICENSE", "LICENSE-CONTENT.md", "CITATION.cff", "requirements.txt", "runtime.txt")
"""Files of the top folder copied as they are (``requirements.txt`` installs ``-e .``: the copy's package)."""
_UP_LINK = re.compile(r"(\]\(|href=[\"'])\.\./(?:student/|notebooks/)?")
_LESSON_LINK = re.compile(r"(\]\(|href=[\"'])\.\./(?:student|notebooks)/")
_SKIP_PARTS = ("__pycache__", ".ipynb_checkpoints")


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (symlinks followed), hidden and cache files left out."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(p.startswith(".") or p in _SKIP_PARTS for p in path.relative_to(folder).parts)
    )


def lift_links(markdown: str, depth: int = 0) -> str:
    """Links that climbed out of ``notebooks/`` or ``student/`` now start at the copy's top folder.

    ``depth`` is how many folders below the top the file sits in the copy (``data/README.md``: 1); its
    links to the lessons lose the lessons' folder, and its other links stay as they are.

    >>> lift_links("[data](../data/README.md), [lesson](../student/01-x.ipynb), <a href='../LICENSE'>")
    "[data](data/README.md), [lesson](01-x.ipynb), <a href='LICENSE'>"
    >>> lift_links("[who](../notebooks/who-is-who.ipynb), [top](../README.md)", depth=1)
    '[who](../who-is-who.ipynb), [top](../README.md)'
    """
    if depth:
        return _LESSON_LINK.sub(r"\1" + "../" * depth, markdown)
    return _UP_LINK.sub(r"\1", markdown)


def protect_table(text: str, table: TableSchema) -> str:
    """A table's CSV text with each column marked ``studentCopy`` in ``datapackage.json`` hashed or sealed.

    A "hash" column keeps only the :func:`~helpers.checks.sealed.fingerprint` of each value (salted with
    the table, row and column); a "seal" column is :func:`~helpers.checks.sealed.seal`-ed; others stay.

    >>> from helpers.data.schema import table_schema
    >>> text = protect_table("number,label,why\\n1,fact,Says why\\n", table_schema("sentences"))
    >>> text.splitlines()[1].startswith("1,hashed:sentences-1-label:"), "fact" in text, "why" in text
    (True, False, True)
    """
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = {f.name: f.student_copy for f in table.fields}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else table.columns, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        for column, value in row.items():
            if value and fields.get(column) == "hash":
                row[column] = fingerprint(value, f"{table.name}-{number}-{column}")
            elif value and fields.get(column) == "seal":
                row[column] = seal(value)
        writer.writerow(row)
    return out.getvalue()


def protect_source(source: str, module: str) -> str:
    """Python source as the copy ships it: no docstring example, every literal given to
    :class:`~helpers.checks.sealed.AnswerKey` hashed, and every text given to
    :data:`~helpers.checks.sealed.hidden` sealed. (An ``AnswerKey`` of a value read from a table is left as
    it is: the table's column is hashed instead, see :func:`protect_table`.)

    >>> protect_source("key = AnswerKey(846)  # Exercise 1\\n", "m")  # doctest: +ELLIPSIS
    "key = AnswerKey('hashed:m-1:...')  # Exercise 1\\n"

    Raises
    ------
    ValueError
        If ``hidden`` is given anything but one literal text (it would ship unsealed).
    """
    data, edits = source.encode("utf-8"), []
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    for node in ast.walk(ast.parse(source)):
        name = getattr(getattr(node, "func", None), "id", None)
        if not isinstance(node, ast.Call) or name not in ("AnswerKey", "hidden"):
            continue
        try:
            (arg,) = node.args
            value = ast.literal_eval(arg)
            if node.keywords or not (name == "AnswerKey" or isinstance(value, str)):
                raise ValueError(name)
        except (ValueError, TypeError) as error:
            if name == "AnswerKey" and len(node.args) == 1 and not node.keywords:
                continue  # a value from a table, hashed there
            raise ValueError(f"{module}, line {node.lineno}: {name}() takes one literal text") from error
        start = starts[arg.lineno - 1] + arg.col_offset
        end = starts[arg.end_lineno - 1] + arg.end_col_offset
        salt = f"{module}-{len(edits) + 1}"
        edits.append((start, end, fingerprint(value, salt) if name == "AnswerKey" else seal(value)))
    for start, end, new in sorted(edits, reverse=True):
        data = data[:start] + repr(new).encode("utf-8") + data[end:]
    return _strip_examples(data.decode("utf-8"))


def _strip_examples(source: str) -> str:
    """``source`` without the ``>>>`` examples of its docstrings and the output they show."""
    kept, example = [], False
    for line in source.splitlines(keepends=True):
        text = line.strip()
        example = text.startswith(">>>") or (example and bool(text) and not text.startswith('"""'))
        if not example:
            kept.append(line)
        elif text.endswith('"""'):  # the docstring closes on the example's last line
            kept.append(line[: len(line) - len(line.lstrip())] + '"""\n')
            example = False
    return "".join(kept)


def _lessons(src: Path) -> dict[Path, bytes]:
    """The student notebooks made from ``src`` (links lifted), and any other file there (images)."""
    out: dict[Path, bytes] = {}
    for relative, content in msv.planned_files(src).items():
        if relative == Path("README.md"):
            continue  # student/'s own README: the copy has its own
        if relative.suffix == ".ipynb":
            nb = nbformat.reads(content.decode("utf-8"), as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    cell.source = lift_links(cell.source)
            content = nbformat.writes(nb).rstrip("\n").encode("utf-8") + b"\n"
        out[relative] = content
    return out


def _title(content: bytes) -> str:
    nb = nbformat.reads(content.decode("utf-8"), as_version=4)
    for cell in nb.cells:
        found = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE) if cell.cell_type == "markdown" else None
        if found:
            return found.group(1).strip()
    return ""


def _readme(lessons: dict[Path, bytes], version: str, repo: str | None) -> str:
    """The copy's README; its Binder link comes from ``repo`` (ACCOUNT/NAME) or else ``addresses.toml``.

    Raises
    ------
    ValueError
        If ``repo`` is not ACCOUNT/NAME, or ``addresses.toml`` cannot be used
        (:class:`tools.addresses.AddressError`).
    """
    if repo is None:
        where = addresses.load()
    else:
        name = repo.strip("/").removesuffix(".git")
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", name):
            raise ValueError(f"--repo {repo!r}: give the copy's repository on GitHub as ACCOUNT/NAME")
        where = addresses.Addresses(None, f"https://github.com/{name}", None, None)
    url = where.binder_url()
    binder = f"<{url}>" if url else "your teacher gives you the link."
    rows = "\n".join(
        f"| [`{path.name}`]({path.as_posix()}) | {_title(content).replace('|', '-')} |"
        for path, content in sorted(lessons.items())
        if path.suffix == ".ipynb"
    )
    text = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    return text.replace("{binder}", binder).replace("{lessons}", rows).replace("{version}", version)


def collection_version() -> str:
    """The collection's version, from ``pyproject.toml``."""
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def planned_files(src: Path = msv.NOTEBOOKS_DIR, repo: str | None = None) -> dict[Path, bytes]:
    """Every file of the student copy (relative path -> content), the marker left out.

    Raises
    ------
    tools.make_student_versions.SolutionMarkerError
        If an instructor notebook has an unpaired solution marker.
    """
    version = collection_version()
    lessons = _lessons(src)
    planned = dict(lessons)
    tables = {table.path: table for table in map(table_schema, table_names()) if _protected(table)}
    for folder in ("helpers", "data", "binder"):
        for path in _files(REPO_ROOT / folder):
            relative = path.relative_to(REPO_ROOT)
            content = path.read_bytes()
            if relative.as_posix()[len("data/") :] in tables:
                content = protect_table(content.decode("utf-8"), tables[relative.as_posix()[5:]]).encode()
            elif folder == "helpers" and path.suffix == ".py":
                module = ".".join(relative.with_suffix("").parts)
                content = protect_source(content.decode("utf-8"), module).encode("utf-8")
            elif folder == "data" and path.suffix == ".md":
                content = lift_links(content.decode("utf-8"), depth=len(relative.parts) - 1).encode("utf-8")
            planned[relative] = content
    planned.update({Path(name): (REPO_ROOT / name).read_bytes() for name in COPIED})
    planned[Path("README.md")] = _readme(lessons, version, repo).encode("utf-8")
    pyproject = (TEMPLATES / "pyproject.template.toml").read_text(encoding="utf-8")
    planned[Path("pyproject.toml")] = pyproject.replace("{version}", version).encode("utf-8")
    planned[Path(".gitignore")] = (TEMPLATES / "gitignore.template").read_bytes()
    return planned


def _protected(table: TableSchema) -> bool:
    return any(field.student_copy for field in table.fields)


def _written_before(out: Path) -> set[Path] | None:
    """The files the marker in ``out`` lists; None if ``out`` holds files but no marker of this command."""
    marker = out / MARKER
    if marker.is_file():
        lines = marker.read_text(encoding="utf-8").splitlines()
        if lines and lines[0] == MARKER_TITLE:
            listed = {Path(line) for line in lines[1:] if line.strip()}
            return {p for p in listed if not p.is_absolute() and ".." not in p.parts}
    if not out.exists() or (out.is_dir() and all(p.name == ".git" for p in out.iterdir())):
        return set()
    return None


def compare(out: Path, src: Path = msv.NOTEBOOKS_DIR, repo: str | None = None) -> list[str]:
    """What differs between ``out`` and what :func:`write_copy` would write there (empty if up to date)."""
    planned = planned_files(src, repo)
    before = _written_before(out) or set()
    problems = [f"missing: {p}" for p in sorted(planned) if not (out / p).is_file()]
    problems += [
        f"no longer part of the copy: {p}" for p in sorted(before - set(planned)) if (out / p).exists()
    ]
    problems += [
        f"out of date: {p}"
        for p, content in sorted(planned.items())
        if (out / p).is_file() and (out / p).read_bytes() != content
    ]
    return problems


def write_copy(out: Path, src: Path = msv.NOTEBOOKS_DIR, repo: str | None = None) -> list[Path]:
    """Write the student copy into ``out`` and return the files written (relative paths).

    Raises
    ------
    FileExistsError
        If ``out`` holds files and is not a copy this command made (nothing is written or deleted).
    tools.make_student_versions.SolutionMarkerError
        If an instructor notebook has an unpaired solution marker (nothing is written then).
    """
    before = _written_before(out)
    if before is None:
        raise FileExistsError(
            f"{out} is not empty and holds no {MARKER} marker of this command: nothing was written or "
            "deleted. Choose a new or empty folder (a .git folder alone is fine)."
        )
    planned = planned_files(src, repo)
    for stale in sorted(before - set(planned)):
        path = out / stale
        if path.is_file() and not path.is_symlink():
            path.unlink()
            _remove_empty_parents(path.parent, out)
    for relative, content in sorted(planned.items()):
        target = out / relative
        if target.is_symlink():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
    listing = "\n".join([MARKER_TITLE, *(p.as_posix() for p in sorted(planned))]) + "\n"
    (out / MARKER).write_text(listing, encoding="utf-8")
    return sorted(planned)


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: write the student copy, or with ``--check`` only compare. Returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.make_student_copy",
        description="Write a self-contained student copy (lessons, helpers, data, README, Binder files).",
    )
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (new, empty or a copy)")
    parser.add_argument("--src", type=Path, default=msv.NOTEBOOKS_DIR, help="instructor notebooks")
    parser.add_argument(
        "--repo", help="ACCOUNT/NAME on GitHub where the copy is published (default: addresses.toml)"
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the copy is stale")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.check:
            problems = compare(args.out, args.src, args.repo)
            for problem in problems:
                print(problem)
            print("run: python -m tools.make_student_copy --out FOLDER" if problems else "up to date")
            return 1 if problems else 0
        written = write_copy(args.out, args.src, args.repo)
    except (msv.SolutionMarkerError, FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    lessons = sum(p.suffix == ".ipynb" for p in written)
    print(f"wrote a student copy to {args.out}: {lessons} notebooks, {len(written)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
