"""Sphinx settings of the course site, copied into the build folder by ``python -m tools.build_site``.

The build writes ``site-settings.json`` beside this file (the title, whether the site has a repository
address, the version); everything else is fixed here. Nothing on a page may load from another host:
MathJax points at a local file (no lesson uses mathematics), the widget scripts are switched off (widgets
become a note and a snapshot before Sphinx sees them), and the theme's fonts and icons are its own files.
"""

import json
from pathlib import Path

_settings = json.loads((Path(__file__).parent / "site-settings.json").read_text(encoding="utf-8"))

project = _settings["title"]
author = "INF Treaty lessons contributors"
copyright = "2026, INF Treaty lessons contributors"  # noqa: A001 (Sphinx's own name)
version = release = _settings["version"]
language = "en"

extensions = ["myst_nb"]
master_doc = "index"
exclude_patterns = ["_build", "_extra", "**.ipynb_checkpoints", "conf.py"]

# Notebooks arrive already run (in their own folder, by the build); Sphinx only turns them into pages.
nb_execution_mode = "off"
nb_ipywidgets_js = {}
nb_merge_streams = True
mathjax_path = "no-mathematics.js"

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# The anchor JupyterLab gives a heading (spaces to hyphens, case kept), which the lessons link to.
myst_heading_slug_func = "tools.build_site.jupyterlab_anchor"

html_theme = "sphinx_book_theme"
html_title = _settings["title"]
html_static_path = ["_static"]
html_extra_path = ["_extra"]
html_css_files = ["inf-site.css"]
html_js_files = ["inf-site.js"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "search_bar_text": "Search the lessons...",
    "navigation_with_keys": False,
}
if _settings.get("repository_url"):
    html_theme_options |= {"repository_url": _settings["repository_url"], "use_repository_button": True}
