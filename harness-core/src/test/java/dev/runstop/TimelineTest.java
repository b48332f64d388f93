package dev.runstop;

import dev.runstop.internal.GroupAccess;
import dev.runstop.internal.LifecycleHooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class TimelineTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private final CountDownLatch releaseStraggler = new CountDownLatch(1);
    private final List<Thread> stuckThreads = new ArrayList<>();

    @AfterEach
    void release() throws InterruptedException {
        releaseStraggler.countDown();
        for (Thread t : stuckThreads) {
            t.join(LONG.toMillis());
        }
    }

    // ---- a real group: four actors, one straggler, one failure ----

    @Test
    void aRealRunGetsALabelledLanePerActorTheStragglerInRedAndTheFailureMarked() throws Exception {
        StopReport report = runSampleGroup();
        String html = Timeline.html("dev.example.CheckoutIT", List.of(report));
        Path file = Path.of("target", "runstop", "timeline-sample.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);

        List<Document> svgs = svgs(html);
        assertThat(svgs).hasSize(1);
        Document svg = svgs.get(0);
        List<Element> lanes = lanes(svg);
        assertThat(lanes).extracting(l -> l.getAttribute("data-actor")).containsExactly("http", "db", "feed", "billing");
        for (Element lane : lanes) {
            assertThat(texts(lane)).as("lane label").contains(lane.getAttribute("data-actor"));
            assertThat(byClass(lane, "bar")).as("bars of " + lane.getAttribute("data-actor")).isNotEmpty();
        }
        Element feed = lanes.get(2);
        assertThat(classes(feed)).contains("straggler");
        assertThat(byClass(feed, "overdue")).as("the straggler's bar goes past its deadline").isNotEmpty();
        assertThat(byClass(feed, "deadline")).as("the straggler's deadline is on the scale").hasSize(1);
        assertThat(String.join(" ", texts(feed))).contains("stuck at FeedClient.pollIgnoringStop:");
        Element billing = lanes.get(3);
        assertThat(classes(billing)).contains("failed");
        assertThat(byClass(billing, "failure")).hasSize(1);
        assertThat(String.join(" ", texts(billing))).contains("failed: IllegalStateException: ledger closed");
        assertThat(classes(lanes.get(0))).doesNotContain("straggler", "failed");
        assertThat(byClass(svg.getDocumentElement(), "stop")).hasSize(1);

        assertThat(html).contains("<pre class=\"report\">", "group &#39;checkout&#39; stopped because actor &#39;billing&#39; failed");
        assertSelfContained(html);
    }

    private StopReport runSampleGroup() throws InterruptedException {
        Group group = new Group("checkout").osSignals(false).stopDeadline(Duration.ofSeconds(2));
        CountDownLatch allUp = new CountDownLatch(3);
        GroupAccess.get().hooks(group, new LifecycleHooks() {
            @Override
            public Duration delayBeforeRun(String actor) {
                return actor.equals("billing") ? Duration.ofMillis(30) : actor.equals("feed") ? Duration.ofMillis(10) : Duration.ZERO;
            }
        });
        group.add("http", new Actor() {
            @Override
            public void run(ActorContext ctx) throws Exception {
                work(60); // binding, warming up
                ctx.ready();
                allUp.countDown();
                ctx.awaitStop();
                work(15); // draining
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        });
        group.add("db", ctx -> {
            allUp.countDown();
            ctx.awaitStop();
            work(5);
        });
        group.add("feed", Actors.of(ctx -> {
            allUp.countDown();
            new FeedClient().pollIgnoringStop();
        }, cause -> { }), Duration.ofMillis(150));
        group.add("billing", ctx -> {
            if (!allUp.await(LONG.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the others did not start");
            }
            work(80); // serves a while, then breaks
            throw new IllegalStateException("ledger closed");
        });
        RunningGroup running = group.start();
        return running.awaitTermination(LONG).orElseThrow(() -> new AssertionError("did not terminate: " + running));
    }

    /** Stands for work that takes a while; waits for no other thread. */
    private static void work(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** A client that ignores its stop: where the sample's straggler is stuck. */
    private final class FeedClient {
        void pollIgnoringStop() {
            synchronized (stuckThreads) {
                stuckThreads.add(Thread.currentThread());
            }
            while (true) {
                try {
                    releaseStraggler.await();
                    return;
                } catch (InterruptedException ignored) {
                    // ignores its interrupt: a straggler
                }
            }
        }
    }

    private void ignoreStop() {
        synchronized (stuckThreads) {
            stuckThreads.add(Thread.currentThread());
        }
        while (true) {
            try {
                releaseStraggler.await();
                return;
            } catch (InterruptedException ignored) {
                // a straggler ignores its interrupt
            }
        }
    }

    // ---- synthetic reports: exact layouts ----

    @Test
    void theStopAndEachDeadlineAreMarkedADeadlineOffTheScaleIsNamedInTheNote() throws Exception {
        StopReport r = report(Duration.ofMillis(100), Duration.ofMillis(104),
                actor("fast", Outcome.RETURNED, Duration.ofMillis(2), ms(0, 1, 3, 100, 100, 101)),
                actor("slow", Outcome.RETURNED, Duration.ofSeconds(5), ms(0, 1, 2, 100, 100, 103)));
        Document svg = svgs(Timeline.html("t", List.of(r))).get(0);
        List<Element> lanes = lanes(svg);
        assertThat(byClass(lanes.get(0), "deadline")).as("2ms after the stop is on the scale").hasSize(1);
        assertThat(byClass(lanes.get(1), "deadline")).as("5s after the stop is off the scale").isEmpty();
        assertThat(String.join(" ", texts(lanes.get(1)))).contains("deadline 5s (off scale, at 5.100s)");
        assertThat(String.join(" ", texts(lanes.get(0)))).contains("returned 1ms after stop");
        assertThat(String.join(" ", texts(svg.getDocumentElement()))).contains("stop 100ms");
    }

    @Test
    void aLongRunIsCutSoThatStartAndStopStayReadable() throws Exception {
        StopReport r = report(Duration.ofSeconds(30), Duration.ofMillis(30_005),
                actor("a", Outcome.RETURNED, Duration.ofSeconds(1), ms(0, 1, 4, 30_000, 30_000, 30_002)));
        Document svg = svgs(Timeline.html("t", List.of(r))).get(0);
        assertThat(byClass(svg.getDocumentElement(), "break")).hasSize(1);
        List<String> labels = texts(byClass(svg.getDocumentElement(), "axis").get(0));
        assertThat(labels).contains("0", "stop", "stop+2ms");
        Element starting = byClass(lanes(svg).get(0), "starting").get(0);
        assertThat(Double.parseDouble(starting.getAttribute("width"))).as("3ms of starting is wide enough to see")
                .isGreaterThan(50);

        StopReport shortRun = report(Duration.ofMillis(10), Duration.ofMillis(12),
                actor("a", Outcome.RETURNED, Duration.ofSeconds(1), ms(0, 1, 4, 10, 10, 11)));
        assertThat(byClass(svgs(Timeline.html("t", List.of(shortRun))).get(0).getDocumentElement(), "break")).isEmpty();
    }

    @Test
    void everyRunGetsItsOwnSectionAndNamesAreEscaped() throws Exception {
        String evil = "<b>\"&'x";
        StopReport one = report(Duration.ofMillis(5), Duration.ofMillis(6),
                actor(evil, Outcome.RETURNED, Duration.ofSeconds(1), ms(0, 1, 1, 5, 5, 6)));
        StopReport two = report(Duration.ofMillis(7), Duration.ofMillis(8),
                actor("b", Outcome.RETURNED, Duration.ofSeconds(1), ms(0, 1, 1, 7, 7, 8)));
        String html = Timeline.html("per <method> & more", List.of(one, two));
        assertThat(html).doesNotContain(evil, "<method>").contains("per &lt;method&gt; &amp; more", "Run 1 of 2", "Run 2 of 2");
        List<Document> svgs = svgs(html);
        assertThat(svgs).hasSize(2);
        assertThat(lanes(svgs.get(0)).get(0).getAttribute("data-actor")).isEqualTo(evil);
        assertSelfContained(html);
    }

    @Test
    void noRunsMakeAPageThatSaysSoAndBadInputIsRefused() {
        assertThat(Timeline.html("Empty", List.of())).contains("No app run was recorded.").doesNotContain("<svg");
        assertThatThrownBy(() -> Timeline.html(null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timeline.html("t", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeline of 't'");
        List<StopReport> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Timeline.html("t", withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("report 0 is null");
        assertThatThrownBy(() -> Timeline.text(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTextFormDrawsTheSameLanes() throws Exception {
        StopReport r = report(Duration.ofMillis(100), Duration.ofMillis(400),
                actor("ok", Outcome.RETURNED, Duration.ofMillis(200), ms(0, 10, 20, 100, 100, 110)),
                straggler("stuck", Duration.ofMillis(200), ms(0, 10, 20, 100, 100, -1), 300));
        String text = Timeline.text(r);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("lifecycle of group 'g'");
        String ok = lines.stream().filter(l -> l.startsWith("  ok ")).findFirst().orElseThrow();
        String stuck = lines.stream().filter(l -> l.startsWith("  stuck ")).findFirst().orElseThrow();
        String axis = lines.get(1);
        assertThat(axis).endsWith("stop began");
        int stopCol = axis.indexOf('|');
        assertThat(ok).contains(".", "-", "=", ">").doesNotContain("!").contains("returned 10ms after stop");
        assertThat(ok.indexOf('>')).as("stopping starts at the stop").isEqualTo(stopCol);
        assertThat(stuck).contains("=", ">", "!").contains("stuck at");
        assertThat(stuck.indexOf('!')).as("past the deadline comes after stopping").isGreaterThan(stuck.indexOf('>'));
        assertThat(stuck.lastIndexOf('!')).as("and runs on to the end").isEqualTo(stuck.indexOf(']') - 1);
        assertThat(text).contains(r.timeline());
    }

    // ---- helpers ----

    private static void assertSelfContained(String html) {
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(withoutNamespace).doesNotContain("http://", "https://", "<script", "<link", "@import", "<img", "@font-face");
        assertThat(withoutNamespace.replace("url(#overdue)", "")).doesNotContain("url(");
    }

    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    private static List<Document> svgs(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<Document> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(m.group())));
            assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            out.add(d);
        }
        return out;
    }

    private static List<Element> lanes(Document svg) {
        return byClass(svg.getDocumentElement(), "lane");
    }

    private static List<Element> byClass(Element root, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (classes(e).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> classes(Element e) {
        return List.of(e.getAttribute("class").split(" "));
    }

    /** The text of each {@code <text>} element under root, without the tooltips. */
    private static List<String> texts(Element root) {
        List<String> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("text");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            StringBuilder s = new StringBuilder();
            for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                    s.append(n.getNodeValue());
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Event times in ms: thread started, run entered, ready, stop requested, stop returned, returned (-1: none). */
    private static Map<LifecycleEvent, Duration> ms(long... t) {
        Map<LifecycleEvent, Duration> m = new EnumMap<>(LifecycleEvent.class);
        LifecycleEvent[] order = {LifecycleEvent.THREAD_STARTED, LifecycleEvent.RUN_ENTERED, LifecycleEvent.READY,
            LifecycleEvent.STOP_DELIVERED, LifecycleEvent.STOP_RETURNED, LifecycleEvent.RETURNED};
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                m.put(order[i], Duration.ofMillis(t[i]));
            }
        }
        return m;
    }

    private static ActorReport actor(String name, Outcome outcome, Duration deadline, Map<LifecycleEvent, Duration> events) {
        return new ActorReport(name, outcome, null, null, deadline, events, null, List.of(), List.of());
    }

    private ActorReport straggler(String name, Duration deadline, Map<LifecycleEvent, Duration> events, long straggledMs)
            throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            blocked.countDown();
            ignoreStop();
        }, "g/" + name);
        t.start();
        blocked.await(LONG.toMillis(), TimeUnit.MILLISECONDS);
        Map<LifecycleEvent, Duration> ev = new EnumMap<>(events);
        ev.put(LifecycleEvent.STRAGGLED, Duration.ofMillis(straggledMs));
        return new ActorReport(name, Outcome.STRAGGLER, null, null, deadline, ev, ThreadSnapshot.of(t), List.of(), List.of());
    }

    private static StopReport report(Duration stopAskedAt, Duration finishedAt, ActorReport... actors) {
        return new StopReport("g", StopCause.requested("test"), Instant.EPOCH, stopAskedAt, finishedAt, List.of(actors));
    }
}
