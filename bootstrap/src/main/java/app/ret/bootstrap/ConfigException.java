package app.ret.bootstrap;

/** A setting that cannot be used; the message names the variable and fits on one line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
