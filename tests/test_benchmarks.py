"""The benchmark command runs end to end on tiny sizes and reports every figure (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import nbformat
import pytest

import helpers
from benchmarks import p2_explorer, run
from benchmarks.common import median, percentile, size_label, table
from helpers.data.paths import REPO_ROOT


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("benchmarks")
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("import helpers\nlen(helpers.load_events())"))
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(notebook, folder / "tiny.ipynb")
    output = folder / "results.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "--quick",
        "--sizes",
        "200,1000",
        "--explorer-sizes",
        "200",
        "--notebooks",
        str(folder / "tiny.ipynb"),
        "--import-repeats",
        "2",
        "--workdir",
        str(folder / "tables"),
        "--output",
        str(output),
    ]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(output.read_text(encoding="utf-8")), done.stdout, folder


def test_the_machine_is_described(results):
    machine = results[0]["machine"]
    for key in ("cpu_model", "cores", "ram_gib", "python", "date"):
        assert machine[key], key
    assert machine["versions"]["pandas"] and machine["versions"]["numpy"]


def test_p1_times_the_notebook_and_the_bare_kernel(results):
    p1 = results[0]["P1"]
    assert p1["status"] == "ok", p1
    [row] = p1["notebooks"]
    assert row["notebook"].endswith("tiny.ipynb") and row["error"] is None
    assert row["seconds"] > 0 and row["baseline_seconds"] > 0
    assert p1["total_seconds"] > 0 and p1["baseline_total_seconds"] > 0 and p1["ratio"] > 0


def test_p2_times_at_least_thirty_real_changes_per_table(results):
    p2 = results[0]["P2"]
    assert p2["status"] == "ok", p2
    real_events = len(helpers.load_events())
    assert [(t["table"], t["events"]) for t in p2["tables"]] == [("real", real_events), ("synthetic", 200)]
    for t in p2["tables"]:
        assert t["changes"] >= 30 and t["not_updated"] == 0
        assert 0 < t["median_ms"] <= t["p95_ms"] <= t["max_ms"]
        assert t["build_seconds"] > 0
        assert set(t["median_ms_by_control"]) == set(p2_explorer.CONTROLS)


def test_p3_times_and_weighs_both_readers_at_each_size(results, tmp_path):
    p3 = results[0]["P3"]
    assert p3["status"] == "ok", p3
    assert [r["events"] for r in p3["sizes"]] == [200, 1000]
    for r in p3["sizes"]:
        assert (
            r["file_mb"] > 0 and r["read_csv_seconds"] > 0 and r["load_events_seconds"] > 0 and r["ratio"] > 0
        )
        assert r["read_csv_peak_mb"] >= 0 and r["load_events_peak_mb"] >= 0
        assert r["load_events_process_peak_mb"] > 0
    assert p3["ratio_met"] is None  # the ratio's target is defined at 10^5 events, not measured here
    real = p3["real"]
    assert {"events", "participants", "sources", "glossary"} <= set(real["tables"])
    assert 0 < real["load_tables_ms"] <= real["all_tables_ms"] and real["target_ms"] == 100
    assert real["met"] in (True, False)
    assert (results[2] / "tables" / "events-1000" / "events.csv").is_file()  # --workdir keeps the tables


def test_p4_compares_the_imports(results):
    p4 = results[0]["P4"]
    assert p4["status"] == "ok", p4
    assert p4["pandas_seconds"] > 0 and p4["helpers_seconds"] > 0 and p4["ratio"] > 0
    assert len(p4["helpers_all_seconds"]) == 2
    assert p4["heavy_modules_imported_by_helpers"] == []  # helpers/__init__ must stay light


def test_growth_table_and_summary(results):
    data, printed, _ = results
    assert [g["events"] for g in data["growth"]] == [200, 1000]
    assert data["growth"][0]["explorer_median_ms"] > 0 and data["growth"][1]["load_events_seconds"] > 0
    figures = [s["figure"] for s in data["summary"]]
    assert sorted({f[:2] for f in figures}) == ["P1", "P2", "P3", "P4"]
    assert any("real tables" in f for f in figures)
    for heading in ("P1 notebooks", "P2 explorer", "P3 loading", "P4 import", "Growth", "Targets"):
        assert heading in printed


def test_an_absent_explorer_is_reported_not_raised(monkeypatch):
    monkeypatch.setattr(
        p2_explorer, "explorer_class", lambda: (None, "ModuleNotFoundError: helpers.widgets.explorer")
    )
    result = p2_explorer.measure([100], 30, 0)
    assert result == {
        "status": "explorer not available",
        "reason": "ModuleNotFoundError: helpers.widgets.explorer",
    }


def test_the_change_plan_always_changes_something():
    class Control(types.SimpleNamespace):
        pass

    fake = types.SimpleNamespace(
        year_range=Control(min=2013, max=2013, value=(2013, 2013)),
        categories=Control(options=("a",), value=()),
        side_or_person=Control(options=[("Anyone", "Anyone")], value="Anyone"),
        search=Control(value=""),
    )
    steps = p2_explorer.plan_changes(fake)
    assert {name for name, _ in steps} <= set(p2_explorer.CONTROLS)
    records = p2_explorer.run_session(fake, steps, minimum=30)
    assert len(records) == 30
    assert all(r["control"] != "year_range" for r in records)  # a one-year table has nothing to sweep
    assert [r["value"] for r in records if r["control"] == "search"][:2] == ["'m'", "'mi'"]
    values = [(r["control"], r["value"]) for r in records]
    assert all(a != b for a, b in zip(values, values[1:], strict=False))  # every step is a real change


def test_statistics_and_table_text():
    assert median([3, 1, 2]) == 2 and median([4, 1, 3, 2]) == 2.5
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert percentile([5.0], 95) == 5.0
    assert size_label(1_000_000) == "10^6" and size_label(200) == "200"
    text = table(["name", "n"], [["a", 1.5], ["bb", None]])
    assert text.splitlines()[2].startswith("a ") and text.splitlines()[3].endswith("-")


@pytest.mark.parametrize("bad", ["", "ten", "0", "1000,-5"])
def test_bad_sizes_are_refused(bad, capsys):
    with pytest.raises(SystemExit):
        run.parser().parse_args(["--sizes", bad])
    assert "sizes" in capsys.readouterr().err
