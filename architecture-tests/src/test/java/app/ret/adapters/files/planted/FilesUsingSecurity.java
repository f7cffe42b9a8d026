package app.ret.adapters.files.planted;

import app.ret.adapters.security.Pbkdf2PasswordHasher;

/** Planted violation: the files adapter reaching into the security adapter. */
public final class FilesUsingSecurity {
    public boolean check(Pbkdf2PasswordHasher hasher) {
        return hasher.verify(new char[0], null);
    }
}
