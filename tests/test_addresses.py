"""The public addresses live in ``addresses.toml`` alone; every link to them is built from it."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT
from tools import addresses

from .conftest import collection_files

FILLED = """
repository = "https://github.com/a-school/inf-lessons.git"
student_repository = "https://github.com/a-school/inf-student/"
site = "https://a-school.github.io/inf-student"
jupyterhub = "https://jupyter.a-school.example/"
"""
PLACEHOLDERS = re.compile(r"<not set>|<OWNER>|<REPO>|<HUB>|OWNER/REPO")
"""The placeholder of addresses.toml, and the ones the documents used before it existed."""


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "addresses.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_module_doctests_pass():
    result = doctest.testmod(addresses)
    assert result.attempted >= 15 and result.failed == 0


def test_the_repositorys_settings_load_and_hold_addresses_or_the_placeholder():
    where = addresses.load()
    text = addresses.ADDRESSES_FILE.read_text(encoding="utf-8")
    for key in addresses.KEYS:
        value = getattr(where, key)
        assert value is None or value.startswith("https://"), key
        assert re.search(rf"^{key} = ", text, re.MULTILINE), key


def test_addresses_are_normalised_and_every_link_is_exact(tmp_path):
    where = addresses.load(settings(tmp_path, FILLED))
    assert where.repository == "https://github.com/a-school/inf-lessons"  # no .git
    assert where.student_repository == "https://github.com/a-school/inf-student"  # no trailing slash
    assert where.site == "https://a-school.github.io/inf-student/"  # a folder: trailing slash
    assert where.binder_url("02-diplomatic-timeline.ipynb") == (
        "https://mybinder.org/v2/gh/a-school/inf-student/HEAD?urlpath=lab/tree/02-diplomatic-timeline.ipynb"
    )
    assert where.nbgitpuller_url() == (
        "https://jupyter.a-school.example/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fa-school%2Finf-student&branch=main"
        "&urlpath=lab%2Ftree%2Finf-student%2F00-start-here.ipynb"
    )
    assert where.lite_url("01-treaty-background.ipynb") == (
        "https://a-school.github.io/inf-student/lite/lab/index.html?path=01-treaty-background.ipynb"
    )
    assert where.site_url("glossary.html") == "https://a-school.github.io/inf-student/glossary.html"


def test_binder_only_for_github_and_no_link_without_its_address(tmp_path):
    elsewhere = FILLED.replace("https://github.com/a-school/inf-student/", "https://git.school.example/x/inf")
    where = addresses.load(settings(tmp_path, elsewhere))
    assert where.binder_url() is None
    assert "git.school.example%2Fx%2Finf" in where.nbgitpuller_url()
    blank = addresses.Addresses(None, None, None, None)
    assert [blank.binder_url(), blank.nbgitpuller_url(), blank.site_url(), blank.lite_url()] == [None] * 4
    block = addresses.rewrite(
        "<!-- BEGIN addresses: launch-links -->\n<!-- END addresses: launch-links -->", where
    )
    assert "Binder builds from github.com only" in block
    assert "appears here once `student_repository`" not in block


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (FILLED.replace("https://jupyter", "http://jupyter"), "jupyterhub", "not an https:// address"),
        (FILLED.replace('"https://a-school.github.io/inf-student"', "42"), "site", "not an https:// address"),
        (FILLED.replace("inf-lessons.git", "inf lessons"), "repository", "not an https:// address"),
        (FILLED + 'sitte = "https://x.example"\n', "sitte", "not a known key"),
        (FILLED.replace('site = "https://a-school.github.io/inf-student"', ""), "site", "missing"),
        (
            FILLED.replace('"https://a-school.github.io/inf-student"', '"<https://a.example>"'),
            "site",
            "without angle brackets",
        ),
        (FILLED.replace("inf-student/", "inf-student?tab=1"), "student_repository", "not an https://"),
        (FILLED.replace("inf-student/", "inf-student/tree/main"), "student_repository", "ACCOUNT/NAME"),
        (FILLED.replace("example/", "example/hub/home"), "jupyterhub", "without its /hub/"),
    ],
)
def test_a_bad_setting_is_refused_naming_file_and_key(tmp_path, text, key, problem):
    with pytest.raises(addresses.AddressError, match=rf"addresses\.toml, key '{key}': .*{problem}"):
        addresses.load(settings(tmp_path, text))


def test_any_words_in_angle_brackets_are_not_set_yet(tmp_path):
    text = FILLED.replace('"https://jupyter.a-school.example/"', '"<ask the IT office>"')
    assert addresses.load(settings(tmp_path, text)).jupyterhub is None


def test_a_missing_or_broken_file_is_named(tmp_path):
    with pytest.raises(addresses.AddressError, match="nowhere.toml: no such file"):
        addresses.load(tmp_path / "nowhere.toml")
    with pytest.raises(addresses.AddressError, match="addresses.toml: not a valid settings file"):
        addresses.load(settings(tmp_path, "repository = https://x"))


def test_the_documents_links_match_the_settings():
    done = subprocess.run(
        [sys.executable, "-m", "tools.addresses", "--check"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name, blocks in addresses.DOCUMENTS.items():
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        assert all(f"<!-- BEGIN addresses: {block} -->" in text for block in blocks), name


BLOCK = re.compile(r"<!-- BEGIN addresses: ([\w-]+) -->.*?<!-- END addresses: \1 -->", re.DOTALL)
"""A block and its markers: what the command may rewrite."""


def copies_of_the_documents(tmp_path: Path) -> Path:
    root = tmp_path / "collection"
    for name in addresses.DOCUMENTS:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((REPO_ROOT / name).read_bytes())
    return root


def test_filled_settings_give_real_links_and_leave_the_rest_of_each_document_alone(tmp_path, capsys):
    toml, root = settings(tmp_path, FILLED), copies_of_the_documents(tmp_path)
    where = addresses.load(toml)
    assert addresses.main(["--check", "--file", str(toml), "--root", str(root)]) == 1
    assert "README.md, teacher/README.md: links differ" in capsys.readouterr().out
    assert addresses.main(["--file", str(toml), "--root", str(root)]) == 0
    links = [where.binder_url(), where.nbgitpuller_url(), where.site, where.lite_url()]
    for name in addresses.DOCUMENTS:
        before, after = (
            (REPO_ROOT / name).read_text(encoding="utf-8"),
            (root / name).read_text(encoding="utf-8"),
        )
        assert after != before and not PLACEHOLDERS.search(after) and "appears here once" not in after, name
        assert all(f"<{link}>" in after for link in links), name
        assert BLOCK.sub("", after) == BLOCK.sub("", before), name
    assert f"<{where.repository}>" in (root / "README.md").read_text(encoding="utf-8")
    assert addresses.main(["--check", "--file", str(toml), "--root", str(root)]) == 0  # a second run: nothing
    nothing = addresses.Addresses(None, None, None, None)
    for name in addresses.DOCUMENTS:
        top = "../" * name.count("/")
        blank = addresses.rewrite((root / name).read_text(encoding="utf-8"), nothing, top)
        inside = "".join(block.group(0) for block in BLOCK.finditer(blank))
        assert "https://" not in inside and "appears here once `site` is set" in inside, name
        assert f"[`addresses.toml`]({top}addresses.toml)" in blank, name  # the link reaches the file
        assert ((root / name).parent / top / "addresses.toml").resolve() == (
            root / "addresses.toml"
        ).resolve()


def test_a_block_out_of_place_is_named(tmp_path, capsys):
    toml, root = settings(tmp_path, FILLED), copies_of_the_documents(tmp_path)
    teacher = root / "teacher" / "README.md"
    end = "<!-- END addresses: launch-links -->"
    teacher.write_text(teacher.read_text(encoding="utf-8").replace(end, ""), encoding="utf-8")
    assert addresses.main(["--file", str(toml), "--root", str(root)]) == 1
    assert (root / "README.md").read_bytes() == (REPO_ROOT / "README.md").read_bytes()  # nothing written
    assert (
        "teacher/README.md: a '<!-- BEGIN addresses: NAME -->' line has no matching END"
        in capsys.readouterr().err
    )
    readme = root / "README.md"
    readme.write_text(BLOCK.sub("", readme.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(
        addresses.AddressError, match="README.md: no '<!-- BEGIN addresses: launch-links -->'"
    ):
        addresses.stale_documents(addresses.load(toml), root)


def placeholders_in(files: list[Path], root: Path) -> list[str]:
    """Each line of ``files`` holding a placeholder, as ``path:line: text``."""
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if PLACEHOLDERS.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:100]}")
    return found


def test_the_placeholder_finder_finds_each_placeholder(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "built.html").write_text("<not set>", encoding="utf-8")  # a build output: skipped
    (tmp_path / "notes.md").write_text("fine\nsee https://github.com/OWNER/REPO\n", encoding="utf-8")
    files = collection_files(tmp_path)  # no .git here: the walk
    assert files == [tmp_path / "notes.md"]
    assert placeholders_in(files, tmp_path) == ["notes.md:2: see https://github.com/OWNER/REPO"]


def test_no_placeholder_anywhere_but_the_settings_file():
    files = collection_files()
    assert len(files) > 100 and addresses.ADDRESSES_FILE in files
    others = [p for p in files if p.is_file() and p not in (addresses.ADDRESSES_FILE, Path(__file__))]
    found = placeholders_in(others, REPO_ROOT)
    assert not found, "\n".join(found)
    unset = [key for key in addresses.KEYS if getattr(addresses.load(), key) is None]
    text = addresses.ADDRESSES_FILE.read_text(encoding="utf-8")
    assert all(re.search(rf'^{key} = "<not set>"$', text, re.MULTILINE) for key in unset)
