package app.ret.domain.job;

import java.util.regex.Pattern;

/** Why a job failed: a stable machine-readable code and a message safe to show to its owner. */
public record JobError(String code, String message) {
    /** The job kept being interrupted or kept failing transiently until its attempts were used up. */
    public static final String TOO_MANY_ATTEMPTS = "too_many_attempts";
    /** A handler broke unexpectedly; the details went to the log, not to the client. */
    public static final String INTERNAL = "internal";
    /** The job needed more memory than the process could give it; running it again would only repeat that. */
    public static final String OUT_OF_MEMORY = "out_of_memory";
    /** No handler for the job's type is registered in this process. */
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final int MAX_MESSAGE_LENGTH = 2000;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public JobError {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("error code must be a lower-case slug");
        }
        if (message == null || message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("error message must be 1-" + MAX_MESSAGE_LENGTH + " characters");
        }
    }
}
