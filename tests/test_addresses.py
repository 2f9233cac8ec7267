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
    assert result.attempted >= 8 and result.failed == 0


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


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (FILLED.replace("https://jupyter", "http://jupyter"), "jupyterhub", "not an https:// address"),
        (FILLED.replace('"https://a-school.github.io/inf-student"', "42"), "site", "not an https:// address"),
        (FILLED.replace("inf-lessons.git", "inf lessons"), "repository", "not an https:// address"),
        (FILLED + 'sitte = "https://x.example"\n', "sitte", "not a known key"),
        (FILLED.replace('site = "https://a-school.github.io/inf-student"', ""), "site", "missing"),
    ],
)
def test_a_bad_setting_is_refused_naming_file_and_key(tmp_path, text, key, problem):
    with pytest.raises(addresses.AddressError, match=rf"addresses\.toml, key '{key}': .*{problem}"):
        addresses.load(settings(tmp_path, text))


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
    for name in addresses.DOCUMENTS:
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        assert "<!-- BEGIN addresses: launch-links -->" in text, name


def test_filled_settings_give_real_links_and_leave_the_rest_of_a_document_alone(tmp_path):
    where = addresses.load(settings(tmp_path, FILLED))
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    new = addresses.rewrite(readme, where)
    assert new != readme and not PLACEHOLDERS.search(new)
    for link in (where.binder_url(), where.nbgitpuller_url(), where.site, where.lite_url()):
        assert f"<{link}>" in new
    outside = re.compile(r"<!-- BEGIN addresses: ([\w-]+) -->.*?<!-- END addresses: \1 -->", re.DOTALL)
    assert outside.sub("", new) == outside.sub("", readme)
    assert addresses.rewrite(new, where) == new  # a second run changes nothing
    blank = addresses.rewrite(new, addresses.Addresses(None, None, None, None))
    assert "mybinder.org" not in blank and "appears here once" in blank


def test_check_mode_names_a_stale_document(tmp_path):
    where = addresses.load(settings(tmp_path, FILLED))
    assert addresses.stale_documents(where) == list(addresses.DOCUMENTS)


def _collection_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode("utf-8").split("\0") if n]
        return [REPO_ROOT / n for n in names if (REPO_ROOT / n).is_file()]
    skip = {".git", ".venv", ".lite-cache", ".test-cache", "site", "test-artifacts", "__pycache__"}
    return [
        p
        for p in REPO_ROOT.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(REPO_ROOT).parts) and ".egg-info" not in str(p)
    ]


def test_no_placeholder_anywhere_but_the_settings_file():
    files = _collection_files()
    assert len(files) > 100
    found = []
    for path in files:
        if path == addresses.ADDRESSES_FILE or path == Path(__file__):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if PLACEHOLDERS.search(line):
                found.append(f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()[:100]}")
    assert not found, "\n".join(found)
    unset = [key for key in addresses.KEYS if getattr(addresses.load(), key) is None]
    text = addresses.ADDRESSES_FILE.read_text(encoding="utf-8")
    assert all(re.search(rf'^{key} = "<not set>"$', text, re.MULTILINE) for key in unset)
