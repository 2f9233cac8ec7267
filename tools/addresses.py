"""The collection's public addresses, read from ``addresses.toml``, and the links built from them.

Run it from the top folder of the collection after editing ``addresses.toml``::

    python -m tools.addresses            # rewrite the links in README.md and teacher/README.md
    python -m tools.addresses --check    # only say whether they match addresses.toml (exit 1 if not)

An address not known yet holds the placeholder, the words "not set" in angle brackets (any words in
angle brackets read as not set; ``tests/test_addresses.py`` finds the placeholder in no other file).
The links stand in the documents between ``<!-- BEGIN addresses: NAME -->`` and
``<!-- END addresses: NAME -->``; the command rewrites those blocks and never touches the text around
them. While an address is not set, its block says where the link will appear and how to set it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from helpers.data.paths import REPO_ROOT

__all__ = ["ADDRESSES_FILE", "AddressError", "Addresses", "load", "main", "rewrite", "stale_documents"]

ADDRESSES_FILE = REPO_ROOT / "addresses.toml"
KEYS = ("repository", "student_repository", "site", "jupyterhub")
DOCUMENTS = {"README.md": ("launch-links", "source"), "teacher/README.md": ("launch-links",)}
"""Each document that holds links, and the blocks it must hold."""
START_LESSON = "00-start-here.ipynb"
_PLACEHOLDER = re.compile(r"<[A-Za-z][A-Za-z ]*>")  # words in angle brackets: not known yet
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s<>\"'`\\?#]*)?")  # no query, no fragment
_GITHUB = re.compile(r"https://github\.com/([\w.-]+)/([\w.-]+)")
_BLOCK = re.compile(r"(<!-- BEGIN addresses: ([\w-]+) -->\n)(.*?)(<!-- END addresses: \2 -->)", re.DOTALL)


class AddressError(ValueError):
    """``addresses.toml`` cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Addresses:
    """The public addresses (``None`` while not set), normalised, with the links made from them.

    Examples
    --------
    >>> where = Addresses(None, "https://github.com/a-school/inf-student", "https://a.example/inf/", None)
    >>> where.binder_url("01-treaty-background.ipynb")
    'https://mybinder.org/v2/gh/a-school/inf-student/HEAD?urlpath=lab/tree/01-treaty-background.ipynb'
    >>> where.lite_url("00-start-here.ipynb")
    'https://a.example/inf/lite/lab/index.html?path=00-start-here.ipynb'
    >>> where.site_url("glossary.html"), where.nbgitpuller_url("00-start-here.ipynb")  # no hub set
    ('https://a.example/inf/glossary.html', None)
    """

    repository: str | None
    student_repository: str | None
    site: str | None
    jupyterhub: str | None

    def binder_url(self, lesson: str = START_LESSON) -> str | None:
        """Binder's link to a lesson of the student copy (Binder builds from github.com only).

        >>> Addresses(None, "https://git.school.example/s/inf", None, None).binder_url() is None
        True
        """
        found = _GITHUB.fullmatch(self.student_repository or "")
        if not found:
            return None
        return f"https://mybinder.org/v2/gh/{found[1]}/{found[2]}/HEAD?urlpath=lab/tree/{quote(lesson)}"

    def nbgitpuller_url(self, lesson: str = START_LESSON) -> str | None:
        """The hub link that copies the student copy into a student's folder and opens a lesson.

        >>> Addresses(None, "https://github.com/s/inf", None, "https://hub.example").nbgitpuller_url("00-a.ipynb")
        'https://hub.example/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fs%2Finf&branch=main&urlpath=lab%2Ftree%2Finf%2F00-a.ipynb'
        """
        if not (self.jupyterhub and self.student_repository):
            return None
        folder = self.student_repository.rsplit("/", 1)[-1]  # where nbgitpuller puts the copy
        repo, path = quote(self.student_repository, safe=""), quote(f"lab/tree/{folder}/{lesson}", safe="")
        return f"{self.jupyterhub}/hub/user-redirect/git-pull?repo={repo}&branch=main&urlpath={path}"

    def site_url(self, page: str = "") -> str | None:
        """The published course website, or one of its pages."""
        return f"{self.site}{page}" if self.site else None

    def lite_url(self, lesson: str = START_LESSON) -> str | None:
        """A lesson in the JupyterLite site, published at ``lite/`` inside the course website."""
        return f"{self.site}lite/lab/index.html?path={quote(lesson)}" if self.site else None


def _address(value: object, key: str, path: Path) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    if _PLACEHOLDER.fullmatch(text):
        return None
    problem = f"{path.name}, key '{key}': {value!r}"
    if not _URL.fullmatch(text):
        raise AddressError(
            f"{problem} is not an https:// address (no spaces, no ?query). Write the address in quotes, "
            "without angle brackets, or leave the placeholder while it is not known."
        )
    if key == "site":
        return text.rstrip("/") + "/"
    text = text.rstrip("/")
    if key == "jupyterhub" and re.match(r"https://[^/]+/(.*/)?hub(/|$)", text):
        raise AddressError(f"{problem}: give the hub's own address, without its /hub/... page")
    if key.endswith("repository"):
        text = text.removesuffix(".git")
        if text.startswith("https://github.com/") and not _GITHUB.fullmatch(text):
            raise AddressError(f"{problem}: a GitHub repository's address is https://github.com/ACCOUNT/NAME")
    return text


def load(path: Path = ADDRESSES_FILE) -> Addresses:
    """Read the addresses; raise :class:`AddressError`, naming the file and the key, on a problem.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> lines = ['repository = "https://github.com/a/b.git/"', 'site = "<to come>"']
    >>> lines += ['student_repository = "<to come>"', 'jupyterhub = "https://hub.example/"']
    >>> _ = (folder / "a.toml").write_text("\\n".join(lines))
    >>> where = load(folder / "a.toml")
    >>> where.repository, where.site, where.jupyterhub
    ('https://github.com/a/b', None, 'https://hub.example')
    """
    path = Path(path)
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AddressError(f"{path}: no such file; the collection's addresses belong there") from None
    except tomllib.TOMLDecodeError as error:
        raise AddressError(f"{path.name}: not a valid settings file ({error})") from None
    unknown = sorted(set(settings) - set(KEYS))
    if unknown:
        raise AddressError(f"{path.name}, key '{unknown[0]}': not a known key (known: {', '.join(KEYS)})")
    missing = [key for key in KEYS if key not in settings]
    if missing:
        raise AddressError(f"{path.name}, key '{missing[0]}': missing (keep the placeholder if unknown)")
    return Addresses(*(_address(settings[key], key, path) for key in KEYS))


# ------------------------------------------------------------------------------------ the documents' links


def _not_yet(what: str, keys: str) -> str:
    toml = "[`addresses.toml`]({top}addresses.toml)"
    return f"{what} appears here once {keys} set in {toml} and `python -m tools.addresses` has run."


def _launch_links(where: Addresses) -> str:
    binder, hub, site = where.binder_url(), where.nbgitpuller_url(), where.site_url()
    opens = (
        " It opens JupyterLab at the student copy's *Start here*; the first launch can take a few minutes."
    )
    if where.student_repository and not binder:
        binder_text = "none: Binder builds from github.com only, and the student copy is published elsewhere."
    else:
        binder_text = (f"<{binder}>" if binder else _not_yet("the link", "`student_repository` is")) + opens
    hub_keys = "`jupyterhub` and `student_repository` are"
    hub_text = f"give students <{hub}>" if hub else _not_yet("the nbgitpuller link", hub_keys)
    lite = f"<{site}>, and the lessons in the browser with no server: <{where.lite_url()}>"
    return "\n".join(
        [
            f"- **Binder (nothing to install):** {binder_text}",
            f"- **A school JupyterHub:** {hub_text} It copies the student copy into each student's own "
            "folder and opens *Start here*.",
            f"- **The course website:** {lite if site else _not_yet('its address', '`site` is')}",
        ]
    )


def _source(where: Addresses) -> str:
    if where.repository:
        return f"The collection's repository (instructor version, with the solutions): <{where.repository}>"
    return _not_yet("The collection's repository address", "`repository` is")


BLOCKS: dict[str, Callable[[Addresses], str]] = {"launch-links": _launch_links, "source": _source}


def rewrite(text: str, where: Addresses, top: str = "") -> str:
    """``text`` with every addresses block rewritten from ``where``; ``top`` leads from it to the top folder.

    >>> doc = "Intro.\\n<!-- BEGIN addresses: launch-links -->\\nold\\n<!-- END addresses: launch-links -->"
    >>> new = rewrite(doc + "\\nEnd.", Addresses(None, "https://github.com/s/inf", None, None))
    >>> new.startswith("Intro.\\n<!-- BEGIN") and new.endswith("-->\\nEnd.")
    True
    >>> "<https://mybinder.org/v2/gh/s/inf/HEAD?urlpath=lab/tree/00-start-here.ipynb>" in new
    True
    """

    def block(match: re.Match) -> str:
        name = match.group(2)
        if name not in BLOCKS:
            raise AddressError(f"no block named '{name}' (known: {', '.join(BLOCKS)})")
        return f"{match.group(1)}{BLOCKS[name](where).replace('{top}', top)}\n{match.group(4)}"

    new, count = _BLOCK.subn(block, text)
    if count != text.count("<!-- BEGIN addresses:"):
        raise AddressError("a '<!-- BEGIN addresses: NAME -->' line has no matching END line")
    return new


def stale_documents(where: Addresses, root: Path = REPO_ROOT) -> list[str]:
    """The documents under ``root`` whose blocks do not match ``where`` (a missing block is an error)."""
    stale = []
    for name, needed in DOCUMENTS.items():
        text = (root / name).read_text(encoding="utf-8")
        for block in (b for b in needed if f"<!-- BEGIN addresses: {b} -->" not in text):
            raise AddressError(f"{name}: no '<!-- BEGIN addresses: {block} -->' block")
        try:
            if rewrite(text, where, "../" * name.count("/")) != text:
                stale.append(name)
        except AddressError as error:
            raise AddressError(f"{name}: {error}") from None
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command line: rewrite the documents' links, or with ``--check`` only compare. Returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tools.addresses", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a document is stale")
    parser.add_argument("--file", type=Path, default=ADDRESSES_FILE, help="default: addresses.toml")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the collection's top folder")
    args = parser.parse_args(argv)
    try:
        where = load(args.file)
        stale = stale_documents(where, args.root)
    except AddressError as error:
        print(f"addresses: {error}", file=sys.stderr)
        return 1
    if not stale:
        print(f"the links match {args.file.name}")
    elif args.check:
        print(f"{', '.join(stale)}: links differ from {args.file.name} (run: python -m tools.addresses)")
        return 1
    for name in [] if args.check else stale:
        path = args.root / name
        path.write_text(rewrite(path.read_text(encoding="utf-8"), where, "../" * name.count("/")), "utf-8")
        print(f"rewrote the links in {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
