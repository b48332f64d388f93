package dev.runstop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the lifecycles recorded in {@link StopReport}s so people can see at a glance how a group
 * started and stopped: one lane per actor, a bar per phase (waiting for its thread to run, starting,
 * running, stopping), the moment the stop began, each actor's stop deadline, stragglers in red with the
 * frame they are stuck at, and failures marked.
 *
 * <p>{@link #html} makes a self-contained page (inline SVG and CSS, no scripts, no external resources)
 * that any browser opens from disk; {@link #text} makes the same picture in plain text for failure
 * messages and logs.
 */
public final class Timeline {
    private static final String NL = System.lineSeparator();

    // Layout of one report's SVG, in pixels.
    private static final int WIDTH = 1140;
    private static final int LABEL_W = 190;
    private static final int NOTE_W = 300;
    private static final int PLOT_X = LABEL_W;
    private static final int PLOT_W = WIDTH - LABEL_W - NOTE_W - 20;
    private static final int AXIS_H = 48;
    private static final int LANE_H = 40;
    private static final int BAR_H = 16;
    private static final int GAP_W = 26;

    private static final String WAITING = "#b0bec5";
    private static final String STARTING = "#ffb300";
    private static final String RUNNING = "#66bb6a";
    private static final String STOPPING = "#42a5f5";
    private static final String STRAGGLING = "#e53935";
    private static final String OVERDUE = "#b71c1c";
    private static final String STOP_LINE = "#37474f";
    private static final String DEADLINE = "#6a1b9a";

    /** The phases of an actor's life that get a bar, keyed by the event that begins them. */
    private enum Phase {
        WAITING("waiting", "thread started, run() not entered yet", Timeline.WAITING),
        STARTING("starting", "run() entered, not ready yet", Timeline.STARTING),
        RUNNING("running", "ready, working", Timeline.RUNNING),
        STOPPING("stopping", "stop() delivered, run() not returned yet", Timeline.STOPPING);

        final String css;
        final String meaning;
        final String color;

        Phase(String css, String meaning, String color) {
            this.css = css;
            this.meaning = meaning;
            this.color = color;
        }
    }

    private Timeline() {
    }

    /**
     * Renders reports as one self-contained HTML page: per report a heading, an SVG timeline with one
     * labelled lane per actor and a time axis, and the report's text ({@link StopReport#toString()}).
     *
     * @param title the page's title, such as the test class's name; not null
     * @param reports the runs to show, in order (one per app run; several for an app per test method);
     *     may be empty; no element null
     * @return the page, UTF-8 text
     * @throws IllegalArgumentException if the title or the list or one of its reports is null
     */
    public static String html(String title, List<StopReport> reports) {
        if (title == null) {
            throw new IllegalArgumentException("timeline title must not be null");
        }
        if (reports == null) {
            throw new IllegalArgumentException("timeline of '" + title + "': reports must not be null (pass an empty list)");
        }
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i) == null) {
                throw new IllegalArgumentException("timeline of '" + title + "': report " + i + " is null");
            }
        }
        StringBuilder out = new StringBuilder(32_768);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append(" — runstop timeline</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        out.append(legend());
        if (reports.isEmpty()) {
            out.append("<p class=\"empty\">No app run was recorded.</p>\n");
        }
        for (int i = 0; i < reports.size(); i++) {
            StopReport r = reports.get(i);
            out.append("<section class=\"run").append(r.clean() ? " clean" : " unclean").append("\">\n<h2>")
                    .append(reports.size() > 1 ? "Run " + (i + 1) + " of " + reports.size() + ": " : "")
                    .append("group ‘").append(escape(r.group())).append("’ <span class=\"verdict\">")
                    .append(r.clean() ? "stopped cleanly" : "did NOT stop cleanly").append("</span></h2>\n<p class=\"headline\">")
                    .append(escape(r.toString().lines().findFirst().orElse(""))).append("</p>\n");
            out.append(svg(r));
            out.append("<pre class=\"report\">").append(escape(r.toString())).append(NL).append(NL)
                    .append(escape(r.timeline())).append("</pre>\n</section>\n");
        }
        out.append("<footer>Times are since the group started. Generated by runstop.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Renders one report's lifecycles as plain text: a bar per actor on a shared time scale (the stop
     * marked {@code |}, a straggler's time past its deadline {@code !}), then the exact event times of
     * {@link StopReport#timeline()}.
     *
     * @param report the report; not null
     * @return the text, several lines
     * @throws IllegalArgumentException if the report is null
     */
    public static String text(StopReport report) {
        if (report == null) {
            throw new IllegalArgumentException("report must not be null");
        }
        int cols = 64;
        Scale s = new Scale(report, 0, cols, 3);
        long stop = report.stopAskedAt().toNanos();
        int width = Math.max(5, report.actors().stream().mapToInt(a -> a.name().length()).max().orElse(5));
        StringBuilder out = new StringBuilder("lifecycle of group '" + report.group() + "' (. waiting  - starting  = running  > stopping"
                + "  | stop began at " + Durations.formatNanos(stop) + "  ! past the stop deadline  X failed"
                + (s.broken ? "  ~ " + Durations.formatNanos(s.from[1] - s.to[0]) + " of running cut" : "") + "):");
        char[] axis = new char[cols];
        java.util.Arrays.fill(axis, ' ');
        axis[Math.min(cols - 1, col(s, stop, cols))] = '|';
        out.append(NL).append("  ").append(padRight("", width)).append(" [").append(axis).append("] stop began");
        for (ActorReport a : report.actors()) {
            char[] line = new char[cols];
            java.util.Arrays.fill(line, ' ');
            for (Bar b : bars(report, a)) {
                int from = col(s, b.from, cols);
                int to = b.overdue ? cols : Math.max(from + 1, col(s, b.to, cols));
                char c = b.overdue ? '!' : switch (b.phase) {
                    case WAITING -> '.';
                    case STARTING -> '-';
                    case RUNNING -> '=';
                    case STOPPING -> '>';
                };
                for (int i = from; i < to && i < cols; i++) {
                    line[i] = c;
                }
            }
            if (s.broken) {
                for (int i = (int) Math.ceil(s.x1[0]); i < (int) s.x0[1] && i < cols; i++) {
                    line[i] = line[i] == ' ' ? ' ' : '~';
                }
            }
            int stopCol = Math.min(cols - 1, col(s, stop, cols));
            if (line[stopCol] == ' ' || line[stopCol] == '=') {
                line[stopCol] = '|';
            }
            if (a.outcome() == Outcome.FAILED) {
                a.at(LifecycleEvent.RETURNED).ifPresent(t -> line[Math.min(cols - 1, col(s, t.toNanos(), cols))] = 'X');
            }
            out.append(NL).append(("  " + padRight(a.name(), width) + " [" + new String(line) + "] " + note(a)).stripTrailing());
        }
        return out.append(NL).append(report.timeline()).toString();
    }

    private static int col(Scale s, long t, int cols) {
        return (int) Math.max(0, Math.min(cols, Math.floor(s.x(t))));
    }

    // ---- bars ----

    /** One stretch of an actor's lane: a phase from one time to another, in nanoseconds since the start. */
    private record Bar(Phase phase, long from, long to, boolean overdue) {
    }

    /** The last moment the report knows of: its end, or the latest event. */
    private static long endOf(StopReport r) {
        long end = r.stopAskedAt().plus(r.stopDuration()).toNanos();
        for (ActorReport a : r.actors()) {
            for (Duration d : a.events().values()) {
                end = Math.max(end, d.toNanos());
            }
        }
        return Math.max(end, 1_000); // at least 1µs, so that every scale has a width
    }

    private static List<Bar> bars(StopReport r, ActorReport a) {
        Map<LifecycleEvent, Duration> ev = a.events();
        boolean straggler = a.outcome() == Outcome.STRAGGLER;
        long end = straggler ? endOf(r) : ev.containsKey(LifecycleEvent.RETURNED) ? nanos(ev.get(LifecycleEvent.RETURNED))
                : nanos(ev.getOrDefault(LifecycleEvent.STOP_DELIVERED, r.stopAskedAt()));
        List<long[]> starts = new ArrayList<>(); // {phase ordinal, time}
        addStart(starts, ev, LifecycleEvent.THREAD_STARTED, Phase.WAITING);
        addStart(starts, ev, LifecycleEvent.RUN_ENTERED, Phase.STARTING);
        addStart(starts, ev, LifecycleEvent.READY, Phase.RUNNING);
        addStart(starts, ev, LifecycleEvent.STOP_DELIVERED, Phase.STOPPING);
        starts.sort(Comparator.comparingLong((long[] s) -> s[1]).thenComparingLong(s -> s[0]));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Phase p = Phase.values()[(int) starts.get(i)[0]];
            long from = starts.get(i)[1];
            long to = i + 1 < starts.size() ? Math.min(starts.get(i + 1)[1], end) : end;
            if (from >= end && !(from == end && i == starts.size() - 1)) {
                continue;
            }
            if (straggler && p == Phase.STOPPING && ev.containsKey(LifecycleEvent.STRAGGLED)) {
                long deadline = nanos(ev.get(LifecycleEvent.STRAGGLED));
                bars.add(new Bar(p, from, Math.max(from, deadline), false));
                bars.add(new Bar(p, Math.max(from, deadline), to, true));
            } else {
                bars.add(new Bar(p, from, Math.max(from, to), false));
            }
        }
        return bars;
    }

    private static void addStart(List<long[]> starts, Map<LifecycleEvent, Duration> ev, LifecycleEvent e, Phase p) {
        Duration d = ev.get(e);
        if (d != null) {
            starts.add(new long[] {p.ordinal(), d.toNanos()});
        }
    }

    private static long nanos(Duration d) {
        return d.toNanos();
    }

    // ---- the time scale: one linear segment, or two with a break when the middle of the run dwarfs its
    // start and its stop ----

    private static final class Scale {
        final long[] from;
        final long[] to;
        final double[] x0;
        final double[] x1;
        final boolean broken;
        final long stop;
        final double gapW;

        Scale(StopReport r, double plotX, double plotW, double gapW) {
            long end = endOf(r);
            for (ActorReport a : r.actors()) {
                // room after a straggler's deadline, to show it ran on past it
                if (a.outcome() == Outcome.STRAGGLER) {
                    long deadline = r.stopAskedAt().plus(a.stopDeadline()).toNanos();
                    end = Math.max(end, deadline + Math.max(1_000, (deadline - r.stopAskedAt().toNanos()) / 5));
                }
            }
            stop = r.stopAskedAt().toNanos();
            long startEnd = 0;
            for (ActorReport a : r.actors()) {
                for (Map.Entry<LifecycleEvent, Duration> e : a.events().entrySet()) {
                    long t = e.getValue().toNanos();
                    if (t < stop) {
                        startEnd = Math.max(startEnd, t);
                    }
                }
            }
            long startSpan = Math.max(startEnd + startEnd / 6, 1_000);
            long stopSpan = Math.max(end - stop, 1_000);
            long stopFrom = Math.max(startSpan, stop - stopSpan / 5);
            broken = stopFrom - startSpan > 3 * (startSpan + (end - stopFrom));
            if (broken) {
                long stopTo = end + (end - stopFrom) / 25;
                double share = Math.min(0.6, Math.max(0.3, (double) startSpan / (startSpan + (stopTo - stopFrom))));
                double wa = (plotW - gapW) * share;
                from = new long[] {0, stopFrom};
                to = new long[] {startSpan, stopTo};
                x0 = new double[] {plotX, plotX + wa + gapW};
                x1 = new double[] {plotX + wa, plotX + plotW};
            } else {
                from = new long[] {0};
                to = new long[] {end + end / 25};
                x0 = new double[] {plotX};
                x1 = new double[] {plotX + plotW};
            }
            this.gapW = gapW;
        }

        double x(long t) {
            for (int i = 0; i < from.length; i++) {
                if (t <= to[i] || i == from.length - 1) {
                    long clamped = Math.max(from[i], Math.min(to[i], t));
                    return x0[i] + (x1[i] - x0[i]) * (clamped - from[i]) / (double) (to[i] - from[i]);
                }
                if (t < from[i + 1]) {
                    return x1[i] + gapW / 2.0; // in the break: nothing happens there
                }
            }
            throw new AssertionError();
        }

        long right() {
            return to[to.length - 1];
        }
    }

    // ---- SVG ----

    private static String svg(StopReport r) {
        Scale s = new Scale(r, PLOT_X, PLOT_W, GAP_W);
        List<ActorReport> actors = r.actors();
        int height = AXIS_H + Math.max(1, actors.size()) * LANE_H + 14;
        StringBuilder o = new StringBuilder(16_384);
        o.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif\" font-size=\"12\" role=\"img\">\n");
        o.append("<title>").append(escape("timeline of group '" + r.group() + "'")).append("</title>\n");
        o.append("<defs><pattern id=\"overdue\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"").append(STRAGGLING).append("\"/>")
                .append("<rect width=\"3\" height=\"6\" fill=\"").append(OVERDUE).append("\"/></pattern></defs>\n");
        // lane backgrounds and labels
        for (int i = 0; i < actors.size(); i++) {
            ActorReport a = actors.get(i);
            int y = AXIS_H + i * LANE_H;
            String kind = a.outcome() == Outcome.STRAGGLER ? " straggler" : a.outcome() == Outcome.FAILED ? " failed" : "";
            String leaked = a.leakedThreads().isEmpty() ? "" : " leaked";
            o.append("<g class=\"lane").append(kind).append(leaked).append("\" data-actor=\"").append(escape(a.name())).append("\">\n");
            o.append(rect(0, y, WIDTH, LANE_H, i % 2 == 0 ? "#f5f7f8" : "#ffffff", null));
            boolean bad = !kind.isEmpty();
            o.append("<text class=\"actor\" x=\"10\" y=\"").append(y + 17).append("\" font-weight=\"bold\" font-size=\"13\" fill=\"")
                    .append(bad ? STRAGGLING : "#212121").append("\">").append(escape(clip(a.name(), 21))).append("<title>")
                    .append(escape(a.name())).append("</title></text>\n");
            o.append("<text x=\"10\" y=\"").append(y + 32).append("\" font-size=\"11\" fill=\"").append(bad ? STRAGGLING : "#607d8b")
                    .append("\">").append(outcomeLabel(a)).append("</text>\n");
            laneBars(o, r, a, s, y);
            o.append("</g>\n");
        }
        axis(o, s, height);
        // the stop line, over everything
        double sx = s.x(s.stop);
        o.append("<g class=\"stop\"><line x1=\"").append(f(sx)).append("\" y1=\"").append(axisYOf()).append("\" x2=\"").append(f(sx))
                .append("\" y2=\"").append(height - 10).append("\" stroke=\"").append(STOP_LINE)
                .append("\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>");
        o.append("<text x=\"").append(f(sx + 4)).append("\" y=\"").append(AXIS_H - 7).append("\" font-weight=\"bold\" fill=\"")
                .append(STOP_LINE).append("\">stop ").append(escape(Durations.format(r.stopAskedAt()))).append("<title>")
                .append(escape("the stop began: " + r.cause().getMessage())).append("</title></text></g>\n");
        o.append("</svg>\n");
        return o.toString();
    }

    private static void laneBars(StringBuilder o, StopReport r, ActorReport a, Scale s, int y) {
        int by = y + (LANE_H - BAR_H) / 2;
        double lastX = PLOT_X;
        for (Bar b : bars(r, a)) {
            double x0 = s.x(b.from);
            double x1 = b.overdue ? PLOT_X + PLOT_W : Math.max(x0 + 2, s.x(b.to));
            String fill = b.overdue ? "url(#overdue)" : a.outcome() == Outcome.STRAGGLER && b.phase == Phase.STOPPING ? STRAGGLING
                    : b.phase.color;
            String tip = b.overdue ? "still running past its stop deadline" + a.stuck().map(t -> ": stuck at " + t.stuckAt()).orElse("")
                    : b.phase.css + " " + Durations.formatNanos(b.from) + " → " + Durations.formatNanos(b.to) + " (" + b.phase.meaning + ")";
            o.append("<rect class=\"bar ").append(b.phase.css).append(b.overdue ? " overdue" : "").append("\" x=\"").append(f(x0))
                    .append("\" y=\"").append(by).append("\" width=\"").append(f(x1 - x0)).append("\" height=\"").append(BAR_H)
                    .append("\" rx=\"2\" fill=\"").append(fill).append("\"><title>").append(escape(tip)).append("</title></rect>\n");
            lastX = Math.max(lastX, x1);
        }
        if (a.outcome() == Outcome.STRAGGLER) {
            double ax = PLOT_X + PLOT_W;
            o.append("<path class=\"beyond\" d=\"M").append(f(ax)).append(' ').append(by - 3).append(" L").append(f(ax + 9)).append(' ')
                    .append(by + BAR_H / 2).append(" L").append(f(ax)).append(' ').append(by + BAR_H + 3).append(" Z\" fill=\"")
                    .append(OVERDUE).append("\"><title>still running when the report was made</title></path>\n");
        }
        // the stop deadline of this actor
        long deadline = r.stopAskedAt().plus(a.stopDeadline()).toNanos();
        String deadlineTip = "stop deadline: " + Durations.format(a.stopDeadline()) + " after the stop began (at "
                + Durations.formatNanos(deadline) + ")";
        if (deadline <= s.right()) {
            double dx = s.x(deadline);
            o.append("<g class=\"deadline\"><line x1=\"").append(f(dx)).append("\" y1=\"").append(y + 4).append("\" x2=\"").append(f(dx))
                    .append("\" y2=\"").append(y + LANE_H - 4).append("\" stroke=\"").append(DEADLINE).append("\" stroke-width=\"3\"/>")
                    .append("<path d=\"M").append(f(dx - 5)).append(' ').append(y + 4).append(" L").append(f(dx + 5)).append(' ')
                    .append(y + 4).append(" L").append(f(dx)).append(' ').append(y + 10).append(" Z\" fill=\"").append(DEADLINE)
                    .append("\"/><text x=\"").append(f(dx - 7)).append("\" y=\"").append(y + 10)
                    .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"").append(DEADLINE).append("\">deadline</text><title>")
                    .append(escape(deadlineTip)).append("</title></g>\n");
        }
        // failure marker
        if (a.outcome() == Outcome.FAILED) {
            a.at(LifecycleEvent.RETURNED).ifPresent(t -> {
                double fx = s.x(t.toNanos());
                int cy = by + BAR_H / 2;
                o.append("<g class=\"failure\"><circle cx=\"").append(f(fx)).append("\" cy=\"").append(cy)
                        .append("\" r=\"9\" fill=\"#ffffff\" stroke=\"").append(STRAGGLING).append("\" stroke-width=\"2\"/>")
                        .append("<path d=\"M").append(f(fx - 4)).append(' ').append(cy - 4).append(" L").append(f(fx + 4)).append(' ')
                        .append(cy + 4).append(" M").append(f(fx + 4)).append(' ').append(cy - 4).append(" L").append(f(fx - 4))
                        .append(' ').append(cy + 4).append("\" stroke=\"").append(STRAGGLING).append("\" stroke-width=\"2.5\"/><title>")
                        .append(escape("run() failed at " + Durations.format(t) + ": " + a.error().map(String::valueOf).orElse("")))
                        .append("</title></g>\n");
            });
        }
        // the note column: what ended this lane, and what the deadline was when it is off the scale
        double nx = PLOT_X + PLOT_W + 16;
        String note = laneNote(a);
        String color = a.outcome() == Outcome.RETURNED && a.leakedThreads().isEmpty() && a.stopError().isEmpty() ? "#455a64" : STRAGGLING;
        o.append("<text class=\"note\" x=\"").append(f(nx)).append("\" y=\"").append(y + 17).append("\" fill=\"").append(color)
                .append("\">").append(escape(clip(note, 46))).append("<title>").append(escape(noteDetail(a))).append("</title></text>\n");
        String second = deadline <= s.right() ? "deadline " + Durations.format(a.stopDeadline())
                : "deadline " + Durations.format(a.stopDeadline()) + " (off scale, at " + Durations.formatNanos(deadline) + ")";
        o.append("<text class=\"deadline-note\" x=\"").append(f(nx)).append("\" y=\"").append(y + 32).append("\" font-size=\"11\" fill=\"")
                .append(DEADLINE).append("\">").append(escape(second)).append("<title>").append(escape(deadlineTip)).append("</title></text>\n");
    }

    private static int axisYOf() {
        return 22;
    }

    private static void axis(StringBuilder o, Scale s, int height) {
        o.append("<g class=\"axis\" fill=\"#455a64\" font-size=\"11\">\n");
        int axisY = axisYOf();
        for (int seg = 0; seg < s.from.length; seg++) {
            double w = s.x1[seg] - s.x0[seg];
            long span = s.to[seg] - s.from[seg];
            long step = niceStep(span / Math.max(2.0, w / 95));
            long first = (s.from[seg] + step - 1) / step * step;
            o.append("<line x1=\"").append(f(s.x0[seg])).append("\" y1=\"").append(axisY).append("\" x2=\"").append(f(s.x1[seg]))
                    .append("\" y2=\"").append(axisY).append("\" stroke=\"#90a4ae\"/>\n");
            boolean relative = s.broken && seg == 1;
            for (long t = first; t <= s.to[seg]; t += step) {
                double x = s.x0[seg] + w * (t - s.from[seg]) / (double) span;
                o.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(axisY).append("\" x2=\"").append(f(x))
                        .append("\" y2=\"").append(height - 10).append("\" stroke=\"#cfd8dc\" stroke-width=\"0.7\"/>");
                String label = relative ? relativeLabel(t - s.stop, step) : tickLabel(t, step);
                o.append("<text x=\"").append(f(x)).append("\" y=\"").append(axisY - 5).append("\" text-anchor=\"middle\">")
                        .append(escape(label)).append("</text>\n");
            }
        }
        if (s.broken) {
            double gx = s.x1[0] + GAP_W / 2.0;
            o.append("<g class=\"break\"><rect x=\"").append(f(s.x1[0] + 3)).append("\" y=\"").append(axisY - 12).append("\" width=\"")
                    .append(GAP_W - 6).append("\" height=\"").append(height - axisY).append("\" fill=\"#eceff1\"/>")
                    .append("<text x=\"").append(f(gx)).append("\" y=\"").append(axisY + 4).append("\" text-anchor=\"middle\" font-size=\"16\">≈</text>")
                    .append("<title>").append(escape("time cut: " + Durations.formatNanos(s.from[1] - s.to[0]) + " of running not drawn"))
                    .append("</title></g>\n");
        }
        o.append("</g>\n");
    }

    /** 1, 2 or 5 times a power of ten nanoseconds, at least the given span, at least 1µs. */
    static long niceStep(double raw) {
        long step = 1_000;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (step * m >= raw) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private static String tickLabel(long t, long step) {
        if (t == 0) {
            return "0";
        }
        if (step % 1_000_000 == 0 || t < 1_000_000) {
            return Durations.formatNanos(t);
        }
        int decimals = step % 100_000 == 0 ? 1 : step % 10_000 == 0 ? 2 : 3;
        return Durations.decimal(t / 1e6, decimals) + "ms";
    }

    private static String relativeLabel(long sinceStop, long step) {
        if (sinceStop == 0) {
            return "stop";
        }
        return (sinceStop < 0 ? "stop−" : "stop+") + tickLabel(Math.abs(sinceStop), step);
    }

    // ---- words ----

    private static String outcomeLabel(ActorReport a) {
        switch (a.outcome()) {
            case STRAGGLER:
                return "STRAGGLER";
            case FAILED:
                return "FAILED";
            default:
                return a.leakedThreads().isEmpty() ? "returned" : "returned, LEAKED THREADS";
        }
    }

    private static String laneNote(ActorReport a) {
        List<String> parts = new ArrayList<>();
        switch (a.outcome()) {
            case STRAGGLER:
                parts.add(a.stuck().map(t -> "stuck at " + shortFrame(t.stuckAt())).orElse("did not return by its deadline"));
                break;
            case FAILED:
                parts.add("failed: " + a.error().map(Timeline::shortError).orElse("?"));
                break;
            default:
                parts.add(a.stopTook().map(d -> "returned " + Durations.format(d) + " after stop").orElse("returned first"));
        }
        a.stopError().ifPresent(e -> parts.add("stop() threw " + shortError(e)));
        if (!a.leakedThreads().isEmpty()) {
            parts.add("leaked " + a.leakedThreads().size() + " thread" + (a.leakedThreads().size() == 1 ? "" : "s"));
        }
        return String.join("; ", parts);
    }

    private static String noteDetail(ActorReport a) {
        StringBuilder d = new StringBuilder("actor '" + a.name() + "': " + a.outcome().name().toLowerCase(Locale.ROOT));
        a.error().ifPresent(e -> d.append(NL).append("failed: ").append(e));
        a.stopError().ifPresent(e -> d.append(NL).append("stop() threw: ").append(e));
        a.stuck().ifPresent(t -> {
            d.append(NL).append(t.threadName()).append(' ').append(t.describeState());
            t.stack().stream().limit(8).forEach(f -> d.append(NL).append("  at ").append(f));
        });
        a.leakedThreads().forEach(t -> d.append(NL).append("leaked ").append(t.threadName()).append(" at ").append(t.stuckAt()));
        for (Map.Entry<LifecycleEvent, Duration> e : a.events().entrySet()) {
            d.append(NL).append(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                    .append(Durations.format(e.getValue()));
        }
        return d.toString();
    }

    private static String note(ActorReport a) {
        return laneNote(a);
    }

    private static String shortError(Throwable e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static String shortFrame(StackTraceElement f) {
        if (f == null) {
            return "?";
        }
        String c = f.getClassName();
        String simple = c.substring(c.lastIndexOf('.') + 1);
        String inner = simple.substring(simple.lastIndexOf('$') + 1);
        if (!inner.isEmpty() && !Character.isDigit(inner.charAt(0))) {
            simple = inner; // a nested class by its own name; an anonymous one with its outer class
        }
        return simple + "." + f.getMethodName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
    }

    private static String legend() {
        StringBuilder l = new StringBuilder("<ul class=\"legend\">");
        for (Phase p : Phase.values()) {
            l.append("<li><span class=\"sw\" style=\"background:").append(p.color).append("\"></span>").append(p.css)
                    .append(" <small>").append(escape(p.meaning)).append("</small></li>");
        }
        l.append("<li><span class=\"sw\" style=\"background:").append(STRAGGLING)
                .append("\"></span>straggler <small>stop() delivered, run() not returned by its deadline</small></li>")
                .append("<li><span class=\"line\"></span>stop began</li>")
                .append("<li><span class=\"dl\"></span>stop deadline</li>")
                .append("<li><span class=\"x\">✕</span>run() failed</li></ul>\n");
        return l.toString();
    }

    private static String rect(double x, double y, double w, double h, String fill, String cls) {
        return "<rect" + (cls == null ? "" : " class=\"" + cls + "\"") + " x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(w)
                + "\" height=\"" + f(h) + "\" fill=\"" + fill + "\"/>\n";
    }

    private static String f(double v) {
        return Durations.decimal(v, 1);
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Escapes text for HTML and XML content and attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        out.append('\uFFFD'); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif; margin: 16px 24px; color: #212121; }",
            "h1 { font-size: 20px; margin: 0 0 8px; }",
            "h2 { font-size: 16px; margin: 18px 0 2px; }",
            "section.unclean h2 .verdict { color: " + STRAGGLING + "; }",
            "section.clean h2 .verdict { color: #2e7d32; }",
            "p.headline { margin: 2px 0 6px; color: #455a64; font-size: 13px; }",
            "ul.legend { list-style: none; padding: 0; margin: 4px 0 8px; font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 16px; }",
            "ul.legend small { color: #78909c; }",
            "ul.legend .sw { display: inline-block; width: 22px; height: 11px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }",
            "ul.legend .line { display: inline-block; width: 0; height: 13px; margin: 0 6px; border-left: 2px dashed " + STOP_LINE
                    + "; vertical-align: -2px; }",
            "ul.legend .dl { display: inline-block; width: 3px; height: 13px; margin: 0 6px; background: " + DEADLINE + "; vertical-align: -2px; }",
            "ul.legend .x { color: " + STRAGGLING + "; font-weight: bold; margin-right: 4px; }",
            "svg.timeline { display: block; border: 1px solid #cfd8dc; background: #fff; }",
            "pre.report { font-size: 12px; background: #f5f7f8; border: 1px solid #e0e0e0; padding: 8px; overflow-x: auto; }",
            "footer { margin-top: 16px; font-size: 11px; color: #90a4ae; }",
            "");
}
