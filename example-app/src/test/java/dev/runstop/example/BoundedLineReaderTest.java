package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Test
    void splitsOnLfAndCrlfAndKeepsAFinalLineWithoutNewline() throws Exception {
        BoundedLineReader in = new BoundedLineReader(new StringReader("a\r\nb\n\nc"), 10);
        assertThat(in.readLine()).isEqualTo("a");
        assertThat(in.readLine()).isEqualTo("b");
        assertThat(in.readLine()).isEqualTo("");
        assertThat(in.readLine()).isEqualTo("c");
        assertThat(in.readLine()).isNull();
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedToItsEndAndReportedOnce() throws Exception {
        BoundedLineReader in = new BoundedLineReader(new StringReader("12345\n123456\n" + "x".repeat(20_000) + "\r\nok\n1234567"), 6);
        assertThat(in.readLine()).isEqualTo("12345");
        assertThat(in.readLine()).isEqualTo("123456");
        assertThat(in.readLine()).isSameAs(BoundedLineReader.TOO_LONG);
        assertThat(in.readLine()).isEqualTo("ok");
        assertThat(in.readLine()).isSameAs(BoundedLineReader.TOO_LONG);
        assertThat(in.readLine()).isNull();
    }
}
