"""The JupyterLite site's size and cold start: ``python -m benchmarks.lite_cold_start --site DIR``.

Cold start is the time from opening lesson 0's link in a browser with an empty cache to the end of its
first code cell (Run > Run All Cells as soon as the kernel is up), in headless Chromium on this machine,
with the site served from localhost. Each run uses a fresh browser context, so nothing is cached. Build the
site first with ``python -m tools.build_lite --out DIR``. Goal (issue "Nothing to install"): 30 s or less.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socketserver
import statistics
import threading
import time
from pathlib import Path

from tests.browser_support import _KERNEL_READY_JS, launched_browser

LESSON = "00-start-here.ipynb"
_FIRST_CELL_DONE_JS = """
() => {
  const prompt = document.querySelector('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt');
  return prompt !== null && /\\[\\d+\\]/.test(prompt.textContent);
}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def site_size(site: Path) -> tuple[float, int]:
    """The site's size in MB and its number of files."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def cold_starts(site: Path, runs: int) -> list[float]:
    """Seconds from opening lesson 0 to its first executed cell, once per fresh browser context."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/lab/index.html?path={LESSON}"
    seconds = []
    try:
        with launched_browser() as browser:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                start = time.monotonic()
                page.goto(url)
                page.wait_for_function(_KERNEL_READY_JS, timeout=180_000, polling=100)
                page.click('.lm-MenuBar-item:has-text("Run")')
                page.click('li.lm-Menu-item[data-command="runmenu:run-all"]')
                page.wait_for_function(_FIRST_CELL_DONE_JS, timeout=180_000, polling=100)
                seconds.append(time.monotonic() - start)
                context.close()
    finally:
        server.shutdown()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.lite_cold_start", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--site", type=Path, required=True, help="a site built by python -m tools.build_lite")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    megabytes, count = site_size(args.site)
    seconds = cold_starts(args.site, args.runs)
    print(f"site: {megabytes:.0f} MB in {count} files")
    print(f"cold start of {LESSON} (median of {len(seconds)}): {statistics.median(seconds):.1f} s")
    print("runs: " + ", ".join(f"{s:.1f} s" for s in seconds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
