"""The collection's public addresses, read from ``addresses.toml``, and the links built from them.

Run it from the top folder of the collection after editing ``addresses.toml``::

    python -m tools.addresses            # rewrite the links in README.md and teacher/README.md
    python -m tools.addresses --check    # only say whether they match addresses.toml (exit 1 if not)

The links stand in the documents between ``<!-- BEGIN addresses: NAME -->`` and
``<!-- END addresses: NAME -->``; the command rewrites those blocks and never touches the text around
them. While an address is still the placeholder, its block says where the link will appear instead.
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

__all__ = ["ADDRESSES_FILE", "AddressError", "Addresses", "load", "main", "rewrite"]

ADDRESSES_FILE = REPO_ROOT / "addresses.toml"
_PLACEHOLDER = re.compile(r"<[^<>]*>")  # a value in angle brackets: not known yet (addresses.toml's own word)
KEYS = ("repository", "student_repository", "site", "jupyterhub")
DOCUMENTS = ("README.md", "teacher/README.md")
START_LESSON = "00-start-here.ipynb"
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s<>\"'`\\]*)?")
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
    >>> where.nbgitpuller_url("00-start-here.ipynb") is None  # no hub set
    True
    """

    repository: str | None
    student_repository: str | None
    site: str | None
    jupyterhub: str | None

    def binder_url(self, lesson: str = START_LESSON) -> str | None:
        """Binder's link to a lesson of the student copy (Binder builds from github.com only)."""
        found = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", self.student_repository or "")
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
    if isinstance(value, str) and _PLACEHOLDER.fullmatch(value.strip()):
        return None
    if not isinstance(value, str) or not _URL.fullmatch(value.strip()):
        raise AddressError(
            f"{path.name}, key '{key}': {value!r} is not an https:// address. Write the address in quotes, "
            "or leave its placeholder (in angle brackets) while it is not known."
        )
    value = value.strip()
    if key == "site":
        return value.rstrip("/") + "/"
    value = value.rstrip("/")
    return value.removesuffix(".git") if key.endswith("repository") else value


def load(path: Path = ADDRESSES_FILE) -> Addresses:
    """Read the addresses; raise :class:`AddressError`, naming the file and the key, on a problem.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> lines = ['repository = "https://github.com/a/b.git/"', 'site = "<to come>"']
    >>> lines += ['student_repository = "<to come>"', 'jupyterhub = "<to come>"']
    >>> _ = (folder / "a.toml").write_text("\\n".join(lines))
    >>> load(folder / "a.toml").repository
    'https://github.com/a/b'
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
    where = "[`addresses.toml`]({top}addresses.toml)"
    return f"{what} appears here once {keys} set in {where} (see the note there)."


def _launch_links(where: Addresses) -> str:
    binder, hub, site = where.binder_url(), where.nbgitpuller_url(), where.site_url()
    hub_keys = "`jupyterhub` and `student_repository` are"
    lite = f"<{site}>, and the lessons in the browser with no server: <{where.lite_url()}>"
    lines = [
        "- **Binder (nothing to install):** "
        + (f"<{binder}>" if binder else _not_yet("the link", "`student_repository` is"))
        + " It opens JupyterLab at the student copy's *Start here*; the first launch can take a few minutes.",
        "- **A school JupyterHub:** "
        + (f"give students <{hub}>" if hub else _not_yet("the nbgitpuller link", hub_keys))
        + " It copies the student copy into each student's own folder and opens *Start here*.",
        "- **The course website:** " + (lite if site else _not_yet("its address", "`site` is")),
    ]
    return "\n".join(lines)


BLOCKS: dict[str, Callable[[Addresses], str]] = {"launch-links": _launch_links}


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

    return _BLOCK.sub(block, text)


def stale_documents(where: Addresses, root: Path = REPO_ROOT) -> list[str]:
    """The documents whose blocks do not match ``where``."""
    stale = []
    for name in DOCUMENTS:
        text = (root / name).read_text(encoding="utf-8")
        if rewrite(text, where, "../" * name.count("/")) != text:
            stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.addresses", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a document is stale")
    parser.add_argument("--file", type=Path, default=ADDRESSES_FILE, help="default: addresses.toml")
    args = parser.parse_args(argv)
    try:
        where = load(args.file)
        stale = stale_documents(where)
        if args.check:
            if stale:
                print(f"{', '.join(stale)}: links differ from {args.file.name} (python -m tools.addresses)")
                return 1
            print(f"the links match {args.file.name}")
            return 0
        for name in stale:
            path = REPO_ROOT / name
            text = rewrite(path.read_text(encoding="utf-8"), where, "../" * name.count("/"))
            path.write_text(text, encoding="utf-8")
            print(f"rewrote the links in {name}")
    except AddressError as error:
        print(f"addresses: {error}", file=sys.stderr)
        return 1
    if not stale:
        print(f"the links already match {args.file.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
