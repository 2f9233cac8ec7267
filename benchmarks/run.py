"""The benchmark command: ``python -m benchmarks`` (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import p1_notebooks, p2_explorer, p3_loading, p4_import
from benchmarks.common import REPO_ROOT, load_average, machine, size_label, table

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
DEFAULT_OUTPUT = REPO_ROOT / "benchmarks" / "results" / "latest.json"
MEASUREMENTS = ("P1", "P2", "P3", "P4")


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes must be whole numbers separated by commas, not {text!r}"
        ) from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be 1 or more")
    return sizes


def _only(text: str) -> list[str]:
    chosen = [part.strip().upper() for part in text.split(",") if part.strip()]
    unknown = [c for c in chosen if c not in MEASUREMENTS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(MEASUREMENTS)}")
    return chosen


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure how fast the lessons stay as the event table grows (P1-P4); "
        "print a table and write JSON.",
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        help="synthetic table sizes in events, comma-separated "
        f"(default {','.join(map(str, DEFAULT_SIZES))}; with --quick {','.join(map(str, QUICK_SIZES))})",
    )
    p.add_argument(
        "--explorer-sizes",
        type=_sizes,
        help="sizes for the explorer (P2) if they should differ from --sizes",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="a fast, rough run: small sizes, one timing per load, three per import",
    )
    p.add_argument("--only", type=_only, default=list(MEASUREMENTS), help="which measurements, e.g. P3,P4")
    p.add_argument(
        "--notebooks",
        nargs="+",
        type=Path,
        help="notebooks for P1 (default: every notebooks/*.ipynb)",
    )
    p.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the JSON results")
    p.add_argument(
        "--workdir",
        type=Path,
        help="folder for the synthetic tables (kept); by default a temporary folder, removed at the end",
    )
    p.add_argument(
        "--changes", type=int, default=30, help="least number of control changes per explorer table"
    )
    p.add_argument("--load-repeats", type=int, help="timings per reader and size in P3 (default 3; quick 1)")
    p.add_argument(
        "--import-repeats", type=int, help="fresh interpreters per import in P4 (default 15; quick 3)"
    )
    p.add_argument(
        "--notebook-repeats",
        type=int,
        help="runs of each notebook and its baseline in P1 (default 3; quick 1)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic tables")
    p.add_argument("--check", action="store_true", help="exit with status 1 if any measured target is missed")
    return p


# --------------------------------------------------------------------------- report


def _growth(results: dict) -> tuple[list[dict], dict]:
    """One row per synthetic size: how the loading and explorer figures grow with the table."""
    rows: dict[int, dict] = {}
    for r in results.get("P3", {}).get("sizes", []):
        rows.setdefault(r["events"], {"events": r["events"]}).update(
            load_events_seconds=r["load_events_seconds"],
            read_csv_seconds=r["read_csv_seconds"],
            load_ratio=r["ratio"],
            load_events_peak_mb=r.get("load_events_peak_mb"),
            read_csv_peak_mb=r.get("read_csv_peak_mb"),
        )
    for r in results.get("P2", {}).get("tables", [])[1:]:
        rows.setdefault(r["events"], {"events": r["events"]}).update(
            explorer_build_seconds=r["build_seconds"],
            explorer_median_ms=r["median_ms"],
            explorer_p95_ms=r["p95_ms"],
        )
    ordered = [rows[n] for n in sorted(rows)]
    slopes = {}
    for key in ("load_events_seconds", "read_csv_seconds", "explorer_build_seconds", "explorer_median_ms"):
        points = [(r["events"], r[key]) for r in ordered if r.get(key)]
        if len(points) >= 2:
            (n0, v0), (n1, v1) = points[-2], points[-1]
            slopes[key] = math.log(v1 / v0) / math.log(n1 / n0)
    return ordered, slopes


def _summary(results: dict) -> list[dict]:
    out = []
    p1 = results.get("P1", {})
    if "ratio" in p1:
        out.append(
            {
                "figure": "P1 notebooks / bare kernels (time)",
                "value": p1["ratio"],
                "target": f"<= {p1['target_ratio']}",
                "met": p1["met"],
            }
        )
    p2 = results.get("P2", {})
    for row in p2.get("tables", []):
        limit = p2_explorer.target_ms(row)
        if limit is not None:
            out.append(
                {
                    "figure": f"P2 explorer median ms, {row['table']} {row['events']:,} events",
                    "value": row["median_ms"],
                    "target": f"<= {limit:g}",
                    "met": row["median_ms"] <= limit,
                }
            )
    p3 = results.get("P3", {})
    if p3.get("real"):
        real = p3["real"]
        out.append(
            {
                "figure": f"P3 the {len(real['tables'])} real tables, every check (ms)",
                "value": real["all_tables_ms"],
                "target": f"<= {real['target_ms']:g}",
                "met": real["met"],
            }
        )
    if p3.get("sizes"):
        at_target = p3["ratio_at_target"] is not None
        largest = max(p3["sizes"], key=lambda r: r["events"])
        out.append(
            {
                "figure": "P3 load_events / read_csv (time), "
                + (f"{p3['target_events']:,}" if at_target else f"{largest['events']:,}")
                + " events",
                "value": p3["ratio_at_target"] if at_target else largest["ratio"],
                "target": f"<= {p3['target_ratio']:g}" + ("" if at_target else " at 10^5: not judged here"),
                "met": p3["ratio_met"],
            }
        )
    p4 = results.get("P4", {})
    if "ratio" in p4:
        counted = p4.get("instructions", {})
        if counted.get("status") == "ok":  # judged on what load cannot change (see benchmarks/README.md)
            figure, value = "P4 import helpers / import pandas (instructions)", counted["ratio"]
            met = value <= p4["target_ratio"] and not p4["heavy_modules_imported_by_helpers"]
        else:
            figure, value, met = "P4 import helpers / import pandas (time)", p4["ratio"], p4["met"]
        out.append({"figure": figure, "value": value, "target": f"<= {p4['target_ratio']}", "met": met})
    return out


def report(results: dict) -> str:
    """The results as the plain-text tables the command prints."""
    lines = []
    m = results["machine"]
    lines += [
        f"Machine: {m['cpu_model']}, {m['cores']} cores ({m['cores_usable']} usable), {m['ram_gib']} GiB RAM",
        f"Python {m['python']}, pandas {m['versions']['pandas']}, numpy {m['versions']['numpy']}, "
        f"matplotlib {m['versions']['matplotlib']}, ipywidgets {m['versions']['ipywidgets']}; "
        f"{m['date']}, commit {m['git_commit']}",
        f"Load average at start {m['load_average_at_start']}, at end {m.get('load_average_at_end')}",
    ]
    if results.get("noisy"):
        lines.append("WARNING: the machine was busy (load average above its core count): timings are noisy.")

    p1 = results.get("P1")
    if p1:
        lines += [
            "",
            "P1 notebooks: each in a fresh kernel, against a fresh kernel importing the libraries only",
        ]
        if p1.get("notebooks"):
            lines.append(
                table(
                    ["notebook", "seconds", "bare kernel s", "ratio", "error"],
                    [
                        [r["notebook"], r["seconds"], r["baseline_seconds"], r["ratio"], r["error"]]
                        for r in p1["notebooks"]
                    ],
                )
            )
        if "ratio" in p1:
            lines.append(
                f"total {p1['total_seconds']:.1f} s against {p1['baseline_total_seconds']:.1f} s: "
                f"ratio {p1['ratio']:.2f} (target <= {p1['target_ratio']})"
            )
        else:
            lines.append(f"{p1['status']}: {p1.get('reason', '')}")

    p2 = results.get("P2")
    if p2:
        lines += ["", "P2 explorer: control change to updated figure and list"]
        if p2["status"] == "ok":
            lines.append(
                table(
                    ["table", "events", "build s", "changes", "median ms", "p95 ms", "max ms"],
                    [
                        [
                            r["table"],
                            r["events"],
                            r["build_seconds"],
                            r["changes"],
                            r["median_ms"],
                            r["p95_ms"],
                            r["max_ms"],
                        ]
                        for r in p2["tables"]
                    ],
                )
            )
        else:
            lines.append(f"{p2['status']}: {p2.get('reason', '')}")

    p3 = results.get("P3")
    if p3:
        lines += ["", "P3 loading: helpers.load_events (all checks) against pandas.read_csv of the same file"]
    if p3 and p3["status"] != "ok":
        lines.append(f"{p3['status']}: {p3.get('reason', '')}")
    elif p3:
        real = p3["real"]
        lines.append(
            f"real tables, every check: load_tables {real['load_tables_ms']:.0f} ms; all "
            f"{len(real['tables'])} tables of the data package {real['all_tables_ms']:.0f} ms "
            f"(target <= {real['target_ms']:g} ms)"
        )
        lines.append(
            table(
                [
                    "events",
                    "file MB",
                    "read_csv s",
                    "load_events s",
                    "ratio",
                    "read_csv peak MB",
                    "load peak MB",
                ],
                [
                    [
                        r["events"],
                        r["file_mb"],
                        r["read_csv_seconds"],
                        r["load_events_seconds"],
                        r["ratio"],
                        r.get("read_csv_peak_mb"),
                        r.get("load_events_peak_mb"),
                    ]
                    for r in p3["sizes"]
                ],
            )
        )

    p4 = results.get("P4")
    if p4:
        lines += ["", "P4 import: in fresh interpreters (medians; fastest run of each in brackets)"]
    if p4 and p4["status"] != "ok":
        lines.append(f"{p4['status']}: {p4.get('reason', '')}")
    elif p4:
        ms = {key: p4[key] * 1000 for key in p4 if key.endswith("seconds") and isinstance(p4[key], float)}
        lines.append(
            f"import pandas {ms['pandas_seconds']:.0f} ms ({ms['pandas_fastest_seconds']:.0f}), "
            f"import helpers {ms['helpers_seconds']:.0f} ms ({ms['helpers_fastest_seconds']:.0f}): "
            f"ratio {p4['ratio']:.2f} ({p4['fastest_ratio']:.2f}; target <= {p4['target_ratio']}); "
            "heavy modules pulled in by helpers: "
            f"{', '.join(p4['heavy_modules_imported_by_helpers']) or 'none'}"
        )
        counted = p4.get("instructions", {})
        if counted.get("status") == "ok":
            millions = {key: counted[f"{key}_instructions"] / 1e6 for key in ("pandas", "helpers")}
            lines.append(
                f"instructions executed (callgrind): import pandas {millions['pandas']:.0f} M, "
                f"import helpers {millions['helpers']:.0f} M: ratio {counted['ratio']:.3f}"
            )
        elif counted:
            lines.append(f"instructions executed: {counted['status']} ({counted.get('reason', '')})")

    growth = results.get("growth", [])
    if growth:
        lines += ["", "Growth with the size of the event table"]
        lines.append(
            table(
                [
                    "events",
                    "load s",
                    "read_csv s",
                    "load/read",
                    "load peak MB",
                    "explorer build s",
                    "change median ms",
                    "change p95 ms",
                ],
                [
                    [
                        size_label(r["events"]),
                        r.get("load_events_seconds"),
                        r.get("read_csv_seconds"),
                        r.get("load_ratio"),
                        r.get("load_events_peak_mb"),
                        r.get("explorer_build_seconds"),
                        r.get("explorer_median_ms"),
                        r.get("explorer_p95_ms"),
                    ]
                    for r in growth
                ],
            )
        )
        slopes = results.get("growth_exponents", {})
        if slopes:
            lines.append(
                "growth exponent between the two largest sizes (1 = grows like the table, 0 = flat): "
                + ", ".join(f"{k} {v:.2f}" for k, v in slopes.items())
            )

    summary = results.get("summary", [])
    if summary:
        lines += ["", "Targets"]
        lines.append(
            table(
                ["figure", "measured", "target", "met"],
                [[s["figure"], s["value"], s["target"], s["met"]] for s in summary],
            )
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def run(args: argparse.Namespace, argv: list[str]) -> dict:
    """Run the chosen measurements and gather every figure (``argv``: the options, for the record)."""
    sizes = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    explorer_sizes = args.explorer_sizes or sizes
    load_repeats = args.load_repeats or (1 if args.quick else 3)
    import_repeats = args.import_repeats or (3 if args.quick else 15)
    notebook_repeats = args.notebook_repeats or (1 if args.quick else 3)
    notebooks = [p.resolve() for p in args.notebooks] if args.notebooks else p1_notebooks.default_notebooks()
    results: dict = {
        "machine": machine(),
        "command": ["python", "-m", "benchmarks", *argv],
        "options": {
            "sizes": sizes,
            "explorer_sizes": explorer_sizes,
            "quick": args.quick,
            "only": args.only,
            "load_repeats": load_repeats,
            "import_repeats": import_repeats,
            "notebook_repeats": notebook_repeats,
            "min_changes": args.changes,
            "seed": args.seed,
        },
    }
    started = time.perf_counter()

    def step(name: str, function) -> None:
        print(f"{name} ...", file=sys.stderr, flush=True)
        begin = time.perf_counter()
        try:
            results[name] = function()
        except Exception as error:  # one broken measurement must not lose the others
            results[name] = {"status": "error", "reason": f"{type(error).__name__}: {error}"}
        results[name]["elapsed_seconds"] = time.perf_counter() - begin

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="inf-benchmarks-"))
    try:
        if "P4" in args.only:  # first, while nothing else has warmed or loaded the machine
            step("P4", lambda: p4_import.measure(import_repeats))
            if not args.quick:
                results["P4"]["instructions"] = p4_import.measure_instructions()
        if "P3" in args.only:
            step("P3", lambda: p3_loading.measure(sizes, workdir, load_repeats, args.seed))
        if "P2" in args.only:
            step("P2", lambda: p2_explorer.measure(explorer_sizes, args.changes, args.seed))
        if "P1" in args.only:
            step("P1", lambda: p1_notebooks.measure(notebooks, repeats=notebook_repeats))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    results["machine"]["load_average_at_end"] = load_average()
    cores = results["machine"]["cores"] or 1
    loads = [results["machine"]["load_average_at_start"], results["machine"]["load_average_at_end"]]
    results["noisy"] = any(load and load[0] > cores for load in loads)
    results["growth"], results["growth_exponents"] = _growth(results)
    results["summary"] = _summary(results)
    judged = [s["met"] for s in results["summary"] if s["met"] is not None]
    results["all_targets_met"] = all(judged) if judged else None
    results["elapsed_seconds"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    """The command line: parse, measure, print, write the JSON; 1 with ``--check`` and a missed target."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    results = run(args, argv)
    text = report(results)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\nResults written to {args.output}")
    if args.check and results["all_targets_met"] is False:
        return 1
    return 0
