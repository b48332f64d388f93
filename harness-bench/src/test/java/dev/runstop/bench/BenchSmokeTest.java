package dev.runstop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every benchmark with minimal sizes and checks the shape of what it writes; measures nothing. */
class BenchSmokeTest {

    @Test
    void everyBenchmarkRunsAndWritesWellFormedRows(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("results.csv");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = BenchMain.run(new String[] {"--smoke", "--out", csv.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(status).as(output).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("benchmark,params,value,unit,baseline,ratio");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        for (String[] row : rows) {
            assertThat(row).as(String.join(",", row)).hasSize(6);
            assertThat(Double.parseDouble(row[2])).as(String.join(",", row)).isPositive();
            if (!row[4].isEmpty()) {
                assertThat(Double.parseDouble(row[4])).as(String.join(",", row)).isPositive();
                assertThat(Double.parseDouble(row[5])).as(String.join(",", row)).isPositive();
            }
        }
        Set<String> measured = rows.stream().map(r -> r[0]).collect(Collectors.toSet());
        Set<String> expected = BenchMain.benchmarks().stream().map(Benchmark::name).collect(Collectors.toSet());
        assertThat(measured).as(output).isEqualTo(expected);
        assertThat(output).contains("benchmark", "params", "ratio").contains(csv.toString());
    }

    @Test
    void unknownBenchmarkIsRefusedNamingTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BenchMain.run(new String[] {"--only", "nope"}, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown benchmark 'nope'")
                .hasMessageContaining("cycle");
    }
}
