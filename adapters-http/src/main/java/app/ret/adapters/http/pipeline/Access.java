package app.ret.adapters.http.pipeline;

/** Who may call a route. */
public enum Access {
    PUBLIC,
    AUTHENTICATED,
    ADMIN
}
