package app.ret.domain.job;

/** Units done out of units known so far (files, for a conversion). */
public record JobProgress(long done, long total) {
    public static final JobProgress NONE = new JobProgress(0, 0);

    public JobProgress {
        if (total < 0 || done < 0 || done > total) {
            throw new IllegalArgumentException("progress needs 0 <= done <= total, got " + done + "/" + total);
        }
    }

    /** Whole percent, rounded down, so 100 means every unit is done; nothing known is 0. */
    public int percent() {
        return total == 0 ? 0 : (int) (done * 100 / total);
    }
}
