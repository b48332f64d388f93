package dev.runstop.testcontainers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** The containers the tests run: all from the public {@code busybox:1.37} image. */
final class Busybox {
    static final DockerImageName IMAGE = DockerImageName.parse("busybox:1.37");
    static final int PORT = 7000;

    private Busybox() {
    }

    /**
     * A container that prints {@code serving lines on 7000} and then serves the given lines to every
     * connection on port 7000. {@code nc -ll} keeps listening after each connection (Testcontainers'
     * port check connects once before the test does).
     */
    static GenericContainer<?> lineServer(String... lines) {
        String script = String.join("; ", java.util.Arrays.stream(lines).map(l -> "echo " + l).toList());
        return new GenericContainer<>(IMAGE)
                .withExposedPorts(PORT)
                .withCommand("sh", "-c", "echo serving lines on " + PORT + "; exec nc -ll -p " + PORT + " -e sh -c '" + script + "'");
    }

    /** Reads every line one connection to host:port delivers, until the server closes it. */
    static List<String> readLines(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }
}
