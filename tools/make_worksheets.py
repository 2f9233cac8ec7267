"""Make one printable worksheet per lesson from the student notebooks (``student/``), offline.

Run it from the top folder of the collection::

    python -m tools.make_worksheets --out worksheets          # HTML, one file per lesson
    python -m tools.make_worksheets --out worksheets --pdf    # and a PDF of each, through Chromium

Each worksheet holds the lesson's title, time and objectives, then every exercise and "think about it"
prompt of the student notebook, in order, with a box to write in. It prints no answer (it reads only
``student/``, where the solutions are already removed), no output cell and no widget, and it loads
nothing from outside: the styles are inline and the fonts are the printer's own.

The command writes only ``worksheet-NN.html`` (and ``.pdf``) files in ``--out``; it never deletes a file.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import mistune

from helpers.data.loading import load_table
from helpers.data.paths import REPO_ROOT
from helpers.display.words import html_text

STUDENT_DIR = REPO_ROOT / "student"
LESSONS = ["00-start-here", "01-treaty-background", "02-diplomatic-timeline", "03-withdrawal-steps"]
LESSONS += ["04-reading-the-sources"]
CHROMIUM = Path("/usr/bin/chromium")
EXERCISE_CELL = re.compile(r"^(?P<name>(?:answer|think)_[0-9a-z_]+) = \.\.\.\s*(?:#\s*(?P<hint>.*))?", re.M)
_MARKDOWN = mistune.create_markdown(plugins=["table"])

STYLE = """
@page { size: A4; margin: 14mm 15mm; }
body { font: 10.5pt/1.35 Georgia, "Times New Roman", serif; color: #000; max-width: 180mm; margin: auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 4mm 0 1mm; }
h3, h4 { font-size: 11pt; margin: 2mm 0 1mm; }
.who { display: flex; gap: 6mm; margin: 2mm 0 3mm; } .who span { flex: 1; border-bottom: 1px solid #000; }
.exercise { break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #999; padding-top: 1mm; }
.write { border: 1px solid #666; margin: 1mm 0 3mm; }
.kind { font-style: italic; font-size: 9.5pt; }
table { border-collapse: collapse; font-size: 9pt; margin: 1mm 0; }
th, td { border: 1px solid #999; padding: 0.5mm 1.5mm; text-align: left; vertical-align: top; }
code { font: 9pt "DejaVu Sans Mono", monospace; } pre { white-space: pre-wrap; font-size: 9pt; }
blockquote { margin: 1mm 0 1mm 4mm; padding-left: 3mm; border-left: 2px solid #999; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #333; }
"""


@dataclass
class Exercise:
    """One prompt of a lesson: its answer name, its markdown question and the kind of answer wanted."""

    name: str
    question: str
    hint: str


_PICTOGRAPH = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf]\ufe0f? ?")
"""An emoji (with its trailing space): a school printer's fonts often lack it and print an empty box."""


def _markdown_html(text: str) -> str:
    """Render markdown to HTML with links kept as plain text (a printed link leads nowhere), no emoji.

    >>> _markdown_html("The check gives a \U0001f4dd **Checked**.")
    '<p>The check gives a <strong>Checked</strong>.</p>\\n'
    """
    rendered = _MARKDOWN(_PICTOGRAPH.sub("", text))
    rendered = re.sub(r"<a\b[^>]*>(.*?)</a>", r"\1", rendered, flags=re.S)
    return re.sub(r"<img\b[^>]*>", "", rendered)


def _trim_prompt(text: str) -> str:
    """Keep a cell's text from its exercise heading, its "Think about it" or its last quoted prompt on."""
    for pattern in (r"^#{3,4} Exercise", r"^\*\*(?:Think about it|Warm-up)", r"^> \*\*"):
        starts = [m.start() for m in re.finditer(pattern, text, flags=re.M)]
        if starts:
            return text[starts[-1] :]
    return text


def exercises(cells: list[dict]) -> list[Exercise]:
    """The exercises of a notebook's cells, each with the markdown that asks it."""
    found = []
    for index, cell in enumerate(cells):
        match = EXERCISE_CELL.match("".join(cell["source"])) if cell["cell_type"] == "code" else None
        if not match:
            continue
        parts: list[str] = []
        for before in reversed(cells[:index]):
            text = "".join(before["source"])
            if before["cell_type"] == "code":
                if EXERCISE_CELL.match(text) or text.lstrip().startswith("check"):
                    break
                continue
            parts.insert(0, text)
            if re.search(r"^#{3,4} Exercise", text, flags=re.M) or re.search(r"^## ", text, flags=re.M):
                break
        question = "\n\n".join(parts)
        if not re.search(r"^#{3,4} Exercise", question, flags=re.M):
            question = parts[-1] if parts else ""
        found.append(Exercise(match["name"], _trim_prompt(question).strip(), (match["hint"] or "").strip()))
    return found


def _extra(lesson: str, name: str) -> str:
    """Material a student sees only by running a cell (a table of sentences), printed without labels."""
    if lesson.startswith("04") and name == "answer_2":
        table = load_table("sentences").sort_values("number")
        rows = "".join(
            f"<tr><td>{n}</td><td>{html_text(s)}</td><td>{html_text(c)}</td></tr>"
            for n, s, c in zip(table["number"], table["sentence"], table["cited_as"], strict=True)
        )
        return f"<table><tr><th>#</th><th>sentence</th><th>source</th></tr>{rows}</table>"
    return ""


def _lines(exercise: Exercise) -> int:
    """How many ruled lines to leave: more for written answers, some for a figure to sketch."""
    if exercise.name.startswith("think") or "triple quotes" in exercise.hint:
        return 7
    return 5 if "fig" in exercise.hint else 2


def _opening(cells: list[dict]) -> tuple[str, str, str]:
    """The lesson's title, its time and its objectives (markdown), read from its opening cell."""
    text = "\n\n".join("".join(c["source"]) for c in cells[:3] if c["cell_type"] == "markdown")
    title = re.search(r"^# (.+)$", text, flags=re.M)
    time = re.search(r"\*\*Time:?\*\*:?\s*\|?\s*([^|\n]+)", text)
    goals = re.search(r"able to:?\**\s*\n\s*\n((?:\d+\. .*\n?(?:[ \t]+\S.*\n?)*)+)", text)
    return (
        title[1].strip() if title else "Worksheet",
        time[1].strip() if time else "",
        goals[1] if goals else "",
    )


def worksheet_html(notebook: Path) -> str:
    """The worksheet of one student notebook, as one self-contained HTML page."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lesson = notebook.stem
    title, time, goals = _opening(cells)
    body = [f"<h1>{html.escape(title)}</h1>"]
    body.append('<div class="who"><span>Name:</span><span>Class:</span><span>Date:</span></div>')
    if time:
        note = "Work in the notebook; write your answers here."
        body.append(f"<p><b>Time:</b> {html.escape(time)}. {note}</p>")
    if goals:
        body.append("<h2>By the end you will be able to</h2>" + _markdown_html(goals))
    body.append("<h2>Exercises</h2>")
    for exercise in exercises(cells):
        kind = f'<p class="kind">Answer cell <code>{exercise.name}</code>'
        kind += f": {html.escape(exercise.hint)}</p>" if exercise.hint else "</p>"
        space = f'<div class="write" style="height: {_lines(exercise) * 7.6:.1f}mm"></div>'
        section = _markdown_html(exercise.question) + _extra(lesson, exercise.name) + kind + space
        body.append(f'<section class="exercise" id="ws-{exercise.name}">{section}</section>')
    body.append(f"<footer>Worksheet made from <code>student/{notebook.name}</code>.</footer>")
    head = f'<meta charset="utf-8"><title>{html.escape(title)}: worksheet</title><style>{STYLE}</style>'
    return f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>{"".join(body)}</body></html>\n'


def print_pdf(page: Path, pdf: Path, chromium: Path = CHROMIUM) -> None:
    """Print one worksheet to PDF with headless Chromium (no network needed)."""
    command = [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    command += [f"--print-to-pdf={pdf}", page.resolve().as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def make_worksheets(out: Path, pdf: bool = False, source: Path = STUDENT_DIR) -> list[Path]:
    """Write ``worksheet-NN.html`` for each lesson into ``out`` (and its PDF); return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in LESSONS:
        page = out / f"worksheet-{lesson[:2]}.html"
        page.write_text(worksheet_html(source / f"{lesson}.ipynb"), encoding="utf-8")
        written.append(page)
        if pdf:
            print_pdf(page, page.with_suffix(".pdf"))
            written.append(page.with_suffix(".pdf"))
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m tools.make_worksheets --out DIR [--pdf]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the worksheets")
    parser.add_argument("--pdf", action="store_true", help="also print each to PDF with Chromium")
    args = parser.parse_args(argv)
    if args.pdf and not CHROMIUM.exists():
        print(f"No Chromium at {CHROMIUM}: print the HTML pages from a browser instead.", file=sys.stderr)
        return 1
    for path in make_worksheets(args.out, pdf=args.pdf):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
