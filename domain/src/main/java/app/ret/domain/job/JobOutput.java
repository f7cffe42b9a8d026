package app.ret.domain.job;

/** One input a job turned into an output, with what it produced. */
public record JobOutput(String input, String output, long rows, int columns, long bytes, boolean cached) {
    public JobOutput {
        if (input == null || input.isBlank() || output == null || output.isBlank()) {
            throw new IllegalArgumentException("an output names its input and its output");
        }
        if (rows < 0 || columns < 0 || bytes < 0) {
            throw new IllegalArgumentException("output counts cannot be negative");
        }
    }
}
