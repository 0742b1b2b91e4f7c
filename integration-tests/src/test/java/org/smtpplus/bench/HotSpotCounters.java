package org.smtpplus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The heap a HotSpot JVM uses, read from outside it as {@code jstat} reads it: the performance counters every HotSpot
 * JVM publishes in {@code /tmp/hsperfdata_USER/PID} (unless started with -XX:-UsePerfData). Read here rather than by
 * running {@code jstat} (a JVM start for every sample) so that the fan-out can be sampled every 20 ms; the format is
 * HotSpot's PerfData (a prologue, then entries of name, type and value; jdk.internal.jvmstat reads the same).
 */
final class HotSpotCounters {
    private static final int MAGIC = 0xcafec0c0;
    private static final byte LONG = 'J';

    private HotSpotCounters() {
    }

    /**
     * The long counters of {@code pid}, if it publishes them: HotSpot writes them under /tmp on Linux whatever
     * java.io.tmpdir says.
     */
    static Optional<Map<String, Long>> read(long pid) {
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), String.valueOf(pid));
        try {
            return Optional.of(longCounters(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Bytes of heap in use (every space of every generation, garbage not yet collected included), if {@code pid} publishes its counters. */
    static Optional<Long> heapUsedBytes(long pid) {
        return read(pid).map(HotSpotCounters::heapUsedBytes);
    }

    /** Bytes in use in the old generation (generation 1 of G1, Parallel and Serial): what survived young collections. */
    static long oldUsedBytes(Map<String, Long> counters) {
        return counters.getOrDefault("sun.gc.generation.1.space.0.used", 0L);
    }

    /** The sum of the {@code sun.gc.generation.G.space.S.used} counters: eden, survivors and old generation. */
    static long heapUsedBytes(Map<String, Long> counters) {
        return counters.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("sun.gc.generation.") && entry.getKey().endsWith(".used")
                && entry.getKey().contains(".space."))
            .mapToLong(Map.Entry::getValue).sum();
    }

    /** Every scalar long counter of a PerfData file, by name. */
    static Map<String, Long> longCounters(byte[] perfData) {
        ByteBuffer buffer = ByteBuffer.wrap(perfData);
        if (buffer.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a HotSpot PerfData file: magic " + Integer.toHexString(buffer.getInt(0)));
        }
        // prologue: magic u4, byte order u1 (0 big, 1 little endian), versions u1 u1, accessible u1, used u4, overflow u4,
        // modification time u8, offset of the first entry u4, number of entries u4
        buffer.order(perfData[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int offset = buffer.getInt(24);
        int entries = buffer.getInt(28);
        Map<String, Long> counters = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            // entry: length u4, name offset u4, vector length u4 (0 for a scalar), type u1, flags u1, units u1,
            // variability u1, data offset u4; offsets from the entry's start
            int length = buffer.getInt(offset);
            int nameOffset = buffer.getInt(offset + 4);
            int vectorLength = buffer.getInt(offset + 8);
            byte type = buffer.get(offset + 12);
            int dataOffset = buffer.getInt(offset + 16);
            if (length <= 0) {
                throw new IllegalArgumentException("PerfData entry " + i + " has length " + length);
            }
            if (type == LONG && vectorLength == 0) {
                int nameStart = offset + nameOffset;
                int nameEnd = nameStart;
                while (perfData[nameEnd] != 0) {
                    nameEnd++;
                }
                counters.put(new String(perfData, nameStart, nameEnd - nameStart, StandardCharsets.US_ASCII),
                    buffer.getLong(offset + dataOffset));
            }
            offset += length;
        }
        return counters;
    }
}
