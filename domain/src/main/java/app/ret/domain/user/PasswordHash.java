package app.ret.domain.user;

/**
 * An encoded password hash that carries its own parameters (algorithm, iterations, salt), so that
 * hashes made with older settings keep verifying and can be upgraded at the next login.
 */
public record PasswordHash(String encoded, int iterations) {
    public PasswordHash {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("encoded hash must not be blank");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
    }

    public boolean weakerThan(int wantedIterations) {
        return iterations < wantedIterations;
    }

    @Override
    public String toString() {
        return "PasswordHash[iterations=" + iterations + "]";
    }
}
