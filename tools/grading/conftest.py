"""pytest: nbgrader_config.py runs only inside nbgrader (it calls get_config), so never import it."""

collect_ignore = ["nbgrader_config.py"]
