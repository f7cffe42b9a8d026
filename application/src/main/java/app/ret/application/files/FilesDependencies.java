package app.ret.application.files;

import app.ret.domain.files.FileLimits;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.Converter;
import app.ret.ports.out.ElementScanner;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.TableComparer;
import app.ret.ports.out.TableReader;
import app.ret.ports.out.WorkbookWriter;
import java.util.Objects;

/**
 * The session files store and the limits uploads are held to; the converter and the cache of its
 * results; the readers that look into a file without downloading it (a page of a CSV table, the
 * element names of an XML document); the writer that lays a result out as a workbook, and the
 * comparer of two results; the sessions' search indexes, which the conversion job fills and which
 * count in the session quota.
 */
public record FilesDependencies(SessionFiles store, FileLimits limits, Converter converter, ConversionCache conversionCache,
                                TableReader tableReader, ElementScanner elementScanner, WorkbookWriter workbooks,
                                TableComparer comparer, SearchIndex searchIndex) {
    public FilesDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(converter, "converter");
        Objects.requireNonNull(conversionCache, "conversionCache");
        Objects.requireNonNull(tableReader, "tableReader");
        Objects.requireNonNull(elementScanner, "elementScanner");
        Objects.requireNonNull(workbooks, "workbooks");
        Objects.requireNonNull(comparer, "comparer");
        Objects.requireNonNull(searchIndex, "searchIndex");
    }
}
