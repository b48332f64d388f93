package dev.runstop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Describes the machine and JVM a run measured, for the head of the results. */
final class Machine {
    private Machine() {
    }

    /** @return one line per fact: JVM, processors, CPU model (where /proc/cpuinfo tells it) */
    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version") + ")\n"
                + rt.availableProcessors() + " processors, " + cpuModel() + ", max heap " + rt.maxMemory() / (1 << 20) + " MiB\n"
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + "\n" + loadAverage() + " at start";
    }

    /**
     * @return the system load averages (1, 5, 15 minutes) where /proc/loadavg tells them, such as
     *     {@code load average 0.52 0.40 0.31}: a load above the processor count means the numbers were taken
     *     on a busy machine
     */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load average " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "CPU model unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("CPU model unknown");
        } catch (IOException | RuntimeException e) {
            return "CPU model unknown";
        }
    }
}
