package app.ret.ports.in;

public interface RefreshUseCase {
    RefreshResult refresh(String refreshToken);

    sealed interface RefreshResult {
        record Refreshed(TokenGrant grant) implements RefreshResult {}

        record Rejected(boolean sessionEnded) implements RefreshResult {}
    }
}
