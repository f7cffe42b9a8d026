package app.ret.ports.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** ZIP archives built in memory for tests, hostile ones included (any entry name goes). */
public final class TestZips {
    private static final int CHUNK = 1024 * 1024;

    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, byte[] content, long zeros, boolean stored) {}

    private TestZips() {}

    public static TestZips zip() {
        return new TestZips();
    }

    public static String xml(String root) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + "><item id=\"1\">one</item><item id=\"2\">two</item></" + root + ">\n";
    }

    public TestZips entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestZips entry(String name, byte[] content) {
        entries.add(new Entry(name, content.clone(), 0, false));
        return this;
    }

    /** An entry kept uncompressed (method STORED), as some tools write them. */
    public TestZips stored(String name, byte[] content) {
        entries.add(new Entry(name, content.clone(), 0, true));
        return this;
    }

    public TestZips nested(String name, TestZips inner) {
        return entry(name, inner.bytes());
    }

    /** An entry of {@code count} zero bytes, deflated to almost nothing: the classic bomb. */
    public TestZips zeros(String name, long count) {
        entries.add(new Entry(name, new byte[0], count, false));
        return this;
    }

    /** {@code count} small XML entries named {@code <prefix><n>.xml}. */
    public TestZips manyXml(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            entry(prefix + i + ".xml", "<r/>");
        }
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer, StandardCharsets.UTF_8)) {
            for (Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                if (entry.stored()) {
                    CRC32 crc = new CRC32();
                    crc.update(entry.content());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(entry.content().length);
                    zipEntry.setCompressedSize(entry.content().length);
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.content());
                byte[] zeros = new byte[(int) Math.min(CHUNK, Math.max(entry.zeros(), 1))];
                for (long left = entry.zeros(); left > 0; left -= zeros.length) {
                    zip.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The archive with one byte of its first entry's data flipped: it still opens, but does not inflate cleanly. */
    public static byte[] corruptFirstEntry(byte[] zip) {
        byte[] copy = Arrays.copyOf(zip, zip.length);
        int nameLength = (copy[26] & 0xFF) | (copy[27] & 0xFF) << 8;
        int extraLength = (copy[28] & 0xFF) | (copy[29] & 0xFF) << 8;
        int data = 30 + nameLength + extraLength;
        copy[data] ^= (byte) 0x5A;
        copy[data + 1] ^= (byte) 0xA5;
        return copy;
    }

    /**
     * The archive whose end record announces a longer comment than the bytes that follow it (a
     * fuzzed archive, ZipIntakeFuzzTest): the JDK's reader runs off the end of the file.
     */
    public static byte[] commentPastTheEnd(byte[] zip) {
        byte[] copy = Arrays.copyOf(zip, zip.length);
        copy[copy.length - 2] = 65;
        copy[copy.length - 1] = 0;
        return copy;
    }

    /** The archive cut short: its central directory is gone. */
    public static byte[] truncated(byte[] zip) {
        return Arrays.copyOf(zip, zip.length / 2);
    }
}
