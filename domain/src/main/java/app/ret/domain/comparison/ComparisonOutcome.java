package app.ret.domain.comparison;

/** What comparing two conversions ended in: a written comparison or a reason it was refused. */
public sealed interface ComparisonOutcome permits ComparisonSummary, ComparisonRefusal {
}
