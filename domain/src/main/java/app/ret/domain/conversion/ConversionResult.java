package app.ret.domain.conversion;

/** What converting one document ended in: a written CSV or a reason it was refused. */
public sealed interface ConversionResult permits ConversionSummary, ConversionFailure {
}
