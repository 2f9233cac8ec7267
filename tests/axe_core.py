"""axe-core, the accessibility checker, from the npm registry: downloaded once, checked by its hash.

The tests inject ``axe.min.js`` into a page (Playwright's ``add_script_tag``) and run ``axe.run``. The
tarball is pinned by the sha512 integrity the registry publishes for that version, and kept in
``.test-cache/`` (ignored by git) so later runs need no network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request

import pytest

from helpers.data.paths import REPO_ROOT

from .conftest import IN_CI as CI

AXE_VERSION = "4.14.1"
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
CACHE = REPO_ROOT / ".test-cache"
SERIOUS = ("serious", "critical")


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def axe_script() -> str:
    """The text of ``axe.min.js``; skips the test (fails it with ``CI=true``) if it cannot be had."""
    tarball = CACHE / f"axe-core-{AXE_VERSION}.tgz"
    if not tarball.exists():
        try:
            with urllib.request.urlopen(AXE_TARBALL, timeout=60) as response:  # noqa: S310 (npm registry)
                data = response.read()
        except OSError as error:
            message = f"axe-core could not be downloaded from the npm registry: {error}"
            pytest.fail(message) if CI else pytest.skip(message)
        if _integrity(data) != AXE_INTEGRITY:
            pytest.fail(f"{AXE_TARBALL} does not have the pinned sha512 integrity: refusing to use it")
        CACHE.mkdir(exist_ok=True)
        tarball.write_bytes(data)
    data = tarball.read_bytes()
    if _integrity(data) != AXE_INTEGRITY:
        pytest.fail(f"{tarball} does not have the pinned sha512 integrity: delete it and run again")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return archive.extractfile("package/axe.min.js").read().decode("utf-8")


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160)),
  }));
}"""
"""What the page runs: every violation, with its rule, impact and the first few elements."""
