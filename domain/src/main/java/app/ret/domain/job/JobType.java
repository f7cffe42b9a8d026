package app.ret.domain.job;

import java.util.regex.Pattern;

/** Which handler runs a job: a short lower-case name such as {@code conversion}. */
public record JobType(String name) {
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public JobType {
        if (name == null || !FORMAT.matcher(name).matches()) {
            throw new IllegalArgumentException("job type must be 1-32 characters of [a-z0-9_], starting with a letter");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
