"""Medians of benchmark result lines, as a Markdown table.

    python3 bench/tools/summarize.py RESULTS_FILE

Reads the lines with a case=… and a system=… (the other key=value pairs are a tool's result
line), groups them by (case, system) in the order they first appear, and prints per group the
median of the case's main figure, each run's figure, and its ratio to the first system of the
same case. Other lines are ignored.
"""
import statistics
import sys

# the main figure of a case, by the start of its name, and the other columns shown
FIGURES = (
    ("tcp-", "conns_per_s", ("p50_ms", "p99_ms", "errors")),
    ("contacts-", "conns_per_s", ("p50_ms", "p99_ms", "errors")),
    ("http-", "rps", ("p50_ms", "p99_ms", "errors")),
    ("idle-", "accepted", ("probed_ok", "open_s", "rss_held_mib", "rss_per_conn_kib")),
    ("download-", "mib_s", ("rss_growth_mib",)),
    ("upload-", "mib_s", ()),
    ("rfc862-", "mib_s", ("errors",)),
    ("ws-", "p99_ms", ("p50_ms", "max_ms", "lost", "dup")),
)


def fields(line):
    return dict(token.split("=", 1) for token in line.split() if "=" in token)


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def show(value):
    if value is None:
        return "n/a"
    if abs(value) >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.2f}"


def median_of(rows, key):
    values = [v for v in (number(row.get(key)) for row in rows) if v is not None]
    return (statistics.median(values) if values else None), values


def main(path):
    groups = {}
    with open(path, encoding="utf-8") as results:
        for line in results:
            row = fields(line)
            if "case" in row and "system" in row:
                groups.setdefault((row["case"], row["system"]), []).append(row)
    print("| case | system | runs | median | each run | ratio to the first system | other medians |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    first = {}
    for (case, system), rows in groups.items():
        main_key, others = next(((k, o) for prefix, k, o in FIGURES if case.startswith(prefix)), (None, ()))
        median, values = median_of(rows, main_key) if main_key else (None, [])
        reference = first.setdefault(case, median)
        ratio = f"{median / reference:.2f}x" if median is not None and reference else "-"
        other = " ".join(f"{key}={show(median_of(rows, key)[0])}" for key in others)
        print(f"| {case} | {system} | {len(rows)} | {main_key}={show(median)} | "
              f"{' / '.join(show(v) for v in values) or '-'} | {ratio} | {other} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
