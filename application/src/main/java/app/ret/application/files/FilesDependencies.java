package app.ret.application.files;

import app.ret.domain.files.FileLimits;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.Converter;
import app.ret.ports.out.SessionFiles;
import java.util.Objects;

/** The session files store and the limits uploads are held to; the converter and the cache of its results. */
public record FilesDependencies(SessionFiles store, FileLimits limits, Converter converter, ConversionCache conversionCache) {
    public FilesDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(conversionCache, "conversionCache");
    }
}
