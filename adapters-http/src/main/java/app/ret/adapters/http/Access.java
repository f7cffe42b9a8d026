package app.ret.adapters.http;

/** Who may call a route. */
public enum Access {
    PUBLIC,
    AUTHENTICATED,
    ADMIN
}
