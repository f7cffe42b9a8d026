package app.ret.domain.preview;

/** Which data rows of a table to show: {@code limit} rows from row {@code offset} (0 is the first row after the header). */
public record PageRequest(long offset, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** The request a client asked for, with a limit above {@link #MAX_LIMIT} lowered to it. */
    public static PageRequest capped(long offset, long limit) {
        return new PageRequest(offset, (int) Math.min(limit, MAX_LIMIT));
    }
}
