package app.ret.ports.in;

public interface RefreshUseCase {
    RefreshResult refresh(String refreshToken);

    sealed interface RefreshResult {
        record Refreshed(TokenGrant grant) implements RefreshResult {}

        record Rejected(boolean sessionEnded) implements RefreshResult {}

        /**
         * The token was rotated by another refresh a moment ago (within the reuse grace): nothing is
         * issued and the session lives on; the client's current cookie is the one that refresh set.
         */
        record Superseded() implements RefreshResult {}
    }
}
