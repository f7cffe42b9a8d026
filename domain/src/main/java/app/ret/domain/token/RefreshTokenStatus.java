package app.ret.domain.token;

/** ACTIVE can be exchanged once; ROTATED was exchanged, so presenting it again means it was stolen. */
public enum RefreshTokenStatus {
    ACTIVE,
    ROTATED
}
