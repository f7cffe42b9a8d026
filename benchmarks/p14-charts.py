"""Draws each curve of benchmarks/results/P14.json as a small PNG (run by benchmarks/p14-charts.sh).

Usage: p14-charts.py RESULTS_JSON OUTPUT_DIRECTORY
Every chart shows the median p50 (and p99 where measured) of each point, the target as a dotted
line, and the load average of the run in its footer.
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

GROWTH = 2.0
STARTUP_MS = 1500.0


def label(x):
    if isinstance(x, str):
        return x
    if x >= 1_000_000 and x % 1_000_000 == 0:
        return f"{x // 1_000_000} M"
    if x >= 1_000 and x % 1_000 == 0:
        return f"{x // 1_000} k"
    return str(x)


def number(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def figure(curve, footer):
    fig, ax = plt.subplots(figsize=(4.8, 3.2), dpi=100)
    ax.set_title(curve["title"], fontsize=9)
    ax.set_ylabel("time to /readyz (ms)" if curve["id"] == "startup" else f"latency ({curve['y']})", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", linewidth=0.4, alpha=0.6)
    fig.text(0.01, 0.01, footer, fontsize=6, color="dimgray")
    return fig, ax


def growth_curve(curve, footer, out):
    """A latency against a data size: p50 and p99 per point, the target 2x the smallest point's p50."""
    fig, ax = figure(curve, footer)
    points = curve["points"]
    xs = list(range(len(points)))
    p50 = [p["p50"] for p in points]
    p99 = [p["p99"] for p in points]
    ax.plot(xs, p50, marker="o", linewidth=1.5, label="p50")
    ax.plot(xs, p99, marker="s", linewidth=1, linestyle="--", label="p99")
    limit = GROWTH * p50[0]
    ax.axhline(limit, color="tab:red", linestyle=":", linewidth=1, label=f"target p50 ≤ {GROWTH:g}× at {label(points[0]['x'])}")
    for x, y in zip(xs, p50):
        ax.annotate(number(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7)
    for x, y in zip(xs, p99):
        ax.annotate(number(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7, color="tab:orange")
    ax.set_xticks(xs, [label(p["x"]) for p in points])
    ax.set_xlabel(curve["x"], fontsize=8)
    # Log scale: the p50 the target is about and a p99 a hundred times larger both stay readable.
    ax.set_yscale("log")
    ax.set_ylim(min(p50) / 3, max(max(p99), limit) * 8)
    ax.set_xlim(-0.4, len(points) - 0.6)
    ax.legend(fontsize=7, loc="upper left", ncol=3, columnspacing=0.8, handlelength=1.5)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(out)
    plt.close(fig)


def bars(curve, footer, out, target, target_label, series, log=False):
    """Phases or databases side by side: one bar per point and series, the target as a line."""
    fig, ax = figure(curve, footer)
    if log:
        ax.set_yscale("log")
    points = curve["points"]
    width = 0.8 / len(series)
    for i, name in enumerate(series):
        xs = [j + (i - (len(series) - 1) / 2) * width for j in range(len(points))]
        values = [p[name] for p in points]
        drawn = ax.bar(xs, values, width=width, label=name if len(series) > 1 else None)
        ax.bar_label(drawn, labels=[number(v) for v in values], fontsize=7)
    ax.axhline(target, color="tab:red", linestyle=":", linewidth=1, label=target_label)
    ax.set_xticks(range(len(points)), [label(p["x"]) for p in points])
    ax.set_xlabel(curve["x"], fontsize=8)
    highest = max(max(p[s] for p in points for s in series), target)
    if log:
        ax.set_ylim(min(p[s] for p in points for s in series) / 2, highest * 30)
    else:
        ax.set_ylim(0, highest * 1.2)
    ax.legend(fontsize=7, loc="upper left", ncol=3, columnspacing=0.8, handlelength=1.5)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(out)
    plt.close(fig)


def main():
    results, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.mkdir(parents=True, exist_ok=True)
    run = json.loads(results.read_text())
    footer = (f"{run['id']} {run['measured_at']}, median of rounds; load average "
              f"{run['load_average_before']:.1f} before, {run['load_average_after']:.1f} after, {run['cores']} cores")
    for curve in run["details"]["curves"]:
        out = output / f"p14-{curve['id']}.png"
        if curve["id"] == "startup":
            bars(curve, footer, out, STARTUP_MS, f"target ≤ {STARTUP_MS:g} ms", ["p50"])
        elif curve["id"] == "sweep-get-p99":
            curve = dict(curve, title=f"{curve['title']} ({curve['rows_per_second']:,.0f} rows/s)")
            without = curve["points"][0]["p99"]
            bars(curve, footer, out, GROWTH * without, f"target p99 ≤ {GROWTH:g}× without", ["p50", "p99"], log=True)
        else:
            growth_curve(curve, footer, out)
        print(f"drawn {out}")


if __name__ == "__main__":
    main()
