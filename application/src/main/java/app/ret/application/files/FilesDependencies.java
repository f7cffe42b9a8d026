package app.ret.application.files;

import app.ret.domain.files.FileLimits;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.Converter;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.TableComparer;
import app.ret.ports.out.WorkbookWriter;
import java.util.Objects;

/**
 * The session files store and the limits uploads are held to; the converter, the cache of its
 * results, the writer that lays a result out as a workbook, and the comparer of two results.
 */
public record FilesDependencies(SessionFiles store, FileLimits limits, Converter converter, ConversionCache conversionCache,
                                WorkbookWriter workbooks, TableComparer comparer) {
    public FilesDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(conversionCache, "conversionCache");
        Objects.requireNonNull(workbooks, "workbooks");
        Objects.requireNonNull(comparer, "comparer");
    }
}
