"""The printable worksheets (``python -m tools.make_worksheets``): complete, offline and free of answers."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT
from tools.make_worksheets import CHROMIUM, EXERCISE_CELL, LESSONS, main, make_worksheets, print_pdf

from .conftest import IN_CI


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every worksheet, made by the command line into a fresh folder, by lesson number."""
    out = tmp_path_factory.mktemp("worksheets")
    assert main(["--out", str(out)]) == 0
    return {path.stem[-2:]: path.read_text(encoding="utf-8") for path in sorted(out.glob("*.html"))}


def visible_text(page: str) -> str:
    """The text a reader sees: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def solution_lines() -> list[str]:
    """Every non-trivial line between BEGIN and END SOLUTION in the instructor notebooks."""
    lines = []
    for notebook in sorted((REPO_ROOT / "notebooks").glob("0*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            inside = False
            for line in "".join(cell["source"]).splitlines():
                if "END SOLUTION" in line:
                    inside = False
                elif inside and len(line.strip()) >= 12:
                    lines.append(" ".join(line.split()))
                elif "BEGIN SOLUTION" in line:
                    inside = True
    return lines


def test_one_worksheet_per_lesson(sheets: dict[str, str]) -> None:
    assert sorted(sheets) == [lesson[:2] for lesson in LESSONS]
    for page in sheets.values():
        assert re.search(r"<h1>(Start here|Lesson \d)", page)


def test_nothing_loaded_from_outside_and_no_outputs(sheets: dict[str, str]) -> None:
    for number, page in sheets.items():
        assert "<script" not in page, number
        assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page), number
        assert not re.search(r"@import|url\(", page), number
        assert not re.search(r"Out\s*\[\d*\]|Widget|IntSlider", page), number


def test_no_emoji_a_printer_may_print_as_an_empty_box(sheets: dict[str, str]) -> None:
    lesson_0 = (REPO_ROOT / "student" / "00-start-here.ipynb").read_text(encoding="utf-8")
    assert "\U0001f4dd" in lesson_0  # the notebook shows the check's icon; the worksheet does not
    for name, page in sheets.items():
        assert not re.findall("[\U0001f000-\U0001faff\u2600-\u27bf]", page), name


def test_no_line_of_a_solution(sheets: dict[str, str]) -> None:
    """No solution line, except one the student notebook's own prompt gives (lesson 1 names its filter)."""
    lines = solution_lines()
    assert len(lines) > 20  # the instructor notebooks were found and read
    for lesson in LESSONS:
        number, text = lesson[:2], visible_text(sheets[lesson[:2]])
        cells = json.loads((REPO_ROOT / "student" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
        markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        prompts = " ".join(" ".join(text.split()) for text in markdown)
        leaked = [line for line in lines if line in text and line not in prompts]
        assert not leaked, f"worksheet {number} prints solution lines: {leaked[:3]}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_is_asked_with_space_to_write(sheets: dict[str, str], lesson: str) -> None:
    page = sheets[lesson[:2]]
    cells = json.loads((REPO_ROOT / "student" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    names = [m["name"] for c in cells if (m := EXERCISE_CELL.match("".join(c["source"])))]
    headings = [
        " ".join(line.lstrip("#").split())
        for c in cells
        if c["cell_type"] == "markdown"
        for line in "".join(c["source"]).splitlines()
        if re.match(r"#{3,4} Exercise", line)
    ]
    assert names, lesson
    text = visible_text(page)
    for name in names:
        section = re.search(rf'<section class="exercise" id="ws-{name}">(.*?)</section>', page, flags=re.S)
        assert section, f"{lesson}: no section for {name}"
        assert 'class="write"' in section[1] and len(visible_text(section[1])) > 40, name
    for heading in headings:
        assert heading in text, f"{lesson}: {heading!r} missing"


def test_never_deletes_other_files(tmp_path: Path) -> None:
    keep = tmp_path / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    written = make_worksheets(tmp_path)
    assert keep.read_text(encoding="utf-8") == "mine"
    assert {p.name for p in tmp_path.iterdir()} == {"notes.txt"} | {p.name for p in written}


def test_prints_to_a_few_pages(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"Chromium is required in CI ({CHROMIUM})")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    pages = {}
    for page in make_worksheets(tmp_path):
        pdf = page.with_suffix(".pdf")
        try:
            print_pdf(page, pdf)
        except subprocess.CalledProcessError as error:  # pragma: no cover - shows Chromium's own message
            pytest.fail(error.stderr.decode(errors="replace")[-500:])
        pages[page.stem] = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert all(1 <= count <= 6 for count in pages.values()), pages
