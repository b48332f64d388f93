package dev.runstop.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and of docs/readme/*.md must be found in the project's Java
 * sources ({@code src/} of any module, this one included), where it is compiled and, in a test, run.
 * <p>
 * Matching: the block's text must occur in one source file, with any run of whitespace (indentation,
 * line breaks, alignment) matching any other run of whitespace, and {@code ...} in the block matching
 * any text (the elided part). Exceptions (README.md only) are listed in {@code readme-blocks-not-compiled.txt},
 * by the block's first line, each with its reason; an exception that no longer names a block fails too.
 */
class ReadmeBlocksTest {
    private static final Pattern TOKENS = Pattern.compile("(\\s*\\.\\.\\.\\s*)|(\\s+)");

    private final Path root = Path.of(System.getProperty("readme.root", "..")).toAbsolutePath().normalize();

    /** A fenced java block of a markdown file. */
    record Block(Path file, int line, String text) {
        String firstLine() {
            return text.strip().lines().findFirst().orElse("").strip();
        }

        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " (" + firstLine() + ")";
        }
    }

    @Test
    void everyJavaBlockOfTheReadmeIsInTheSources() throws IOException {
        List<Block> blocks = new ArrayList<>(blocks(root.resolve("README.md")));
        Path docs = root.resolve("docs/readme");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                    blocks.addAll(blocks(md));
                }
            }
        }
        assertThat(blocks).as("java blocks in README.md").isNotEmpty();
        List<String> sources = sources();
        List<String> exceptions = exceptions();

        List<String> missing = new ArrayList<>();
        List<String> usedExceptions = new ArrayList<>();
        for (Block block : blocks) {
            if (block.file().getFileName().toString().equals("README.md") && exceptions.contains(block.firstLine())) {
                usedExceptions.add(block.firstLine());
                continue;
            }
            Pattern pattern = pattern(block.text());
            if (sources.stream().noneMatch(source -> pattern.matcher(source).find())) {
                missing.add(block.toString());
            }
        }
        List<String> stale = new ArrayList<>(exceptions);
        stale.removeAll(usedExceptions);

        assertThat(missing).as("README blocks found in no Java source (put each into a test of readme-snippets, verbatim"
                + " modulo whitespace, '...' standing for any text)").isEmpty();
        assertThat(stale).as("readme-blocks-not-compiled.txt names blocks that are no longer in the README: remove them").isEmpty();
    }

    @Test
    void theMatcherIgnoresIndentationAndTakesEllipsesForAnyText() {
        Pattern p = pattern("group.add(\"x\", ctx -> {\n    ...\n});");
        assertThat(p.matcher("  group.add(\"x\", ctx -> {\n\t\tint a = 1;\n\n  foo(a);\n  });").find()).isTrue();
        assertThat(p.matcher("group.add(\"y\", ctx -> {\n});").find()).isFalse();
        assertThat(pattern("a(b) // c").matcher("a(b)     // c").find()).isTrue();
        assertThat(pattern("a(b)").matcher("a (b)").find()).isFalse();
    }

    static Pattern pattern(String block) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TOKENS.matcher(block.strip());
        int last = 0;
        String text = block.strip();
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(last, m.start())));
            regex.append(m.group(1) != null ? "[\\s\\S]*?" : "\\s+");
            last = m.end();
        }
        regex.append(Pattern.quote(text.substring(last)));
        return Pattern.compile(regex.toString());
    }

    static List<Block> blocks(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                blocks.add(new Block(markdown, start, String.join("\n", lines.subList(start, end))));
                i = end;
            }
        }
        return blocks;
    }

    private List<String> sources() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String rel = root.relativize(p).toString().replace('\\', '/');
                        return rel.contains("src/") && !rel.contains("/target/") && !rel.startsWith(".")
                                && !rel.contains("/.m2repo/");
                    })
                    .map(ReadmeBlocksTest::read)
                    .collect(Collectors.toList());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> exceptions() throws IOException {
        try (var in = ReadmeBlocksTest.class.getResourceAsStream("/readme-blocks-not-compiled.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")).strip() : l)
                    .collect(Collectors.toList());
        }
    }
}
