package dev.dealroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readings of the machine and of a server process: CPU time, heap after a full collection, resident memory. */
final class Probe {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private Probe() {
    }

    /** CPU time the process has used so far (user + system). */
    static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Clock ticks per second of the times in /proc (USER_HZ: 100 on Linux/x86-64). */
    static final double TICKS_PER_SECOND = 100;

    /** CPU seconds (utime + stime, /proc/<pid>/stat) the process has used so far; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The fields of /proc/<pid>/stat from the state on (index 0 = field 3), or null once the process is gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name, in parentheses, may hold spaces: the fields are counted after it.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * CPU seconds used so far by PostgreSQL's processes, in two parts: {@code [0]} the live processes serving
     * {@code database} (its backends and autovacuum workers, told by their process title), {@code [1]} the
     * processes every database shares (postmaster, WAL writer, checkpointer, background writer, launchers) and
     * the backends that have ended (the postmaster's reaped children, whatever their database: pgbench's, which
     * end with its run, are counted only there). Live backends of other databases (other people's tests on the
     * same server) are left out.
     */
    static double[] postgresCpuSeconds(String database) throws IOException {
        double[] seconds = new double[2];
        Pattern ours = Pattern.compile("\\b" + Pattern.quote(database) + "\\b");
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String title;
                try {
                    if (!Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        continue;
                    }
                    title = Files.readString(process.resolve("cmdline")).replace('\0', ' ').strip();
                } catch (IOException gone) {
                    continue;
                }
                boolean backend = title.startsWith("postgres: ") && (title.contains("(") || title.contains("[local]")
                        || title.contains("autovacuum worker") || title.contains("parallel worker"));
                if (backend && ours.matcher(title).find()) {
                    seconds[0] += cpuSeconds(Long.parseLong(name));
                } else if (!backend) {
                    String[] fields = stat(Long.parseLong(name));
                    if (fields != null) {
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        if (!title.startsWith("postgres: ")) {
                            // The postmaster: its own time, and its ended children's (cutime + cstime).
                            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                        }
                        seconds[1] += ticks / TICKS_PER_SECOND;
                    }
                }
            }
        }
        return seconds;
    }

    /**
     * Bytes allocated on the heap by a JVM's threads, read from its {@code com.sun.management.ThreadMXBean}
     * through the local management agent the attach API starts in it (as jconsole does for a local process; no
     * flag on the server). Per thread, the total it has allocated since it started.
     */
    static final class Allocations implements AutoCloseable {

        private final javax.management.remote.JMXConnector connector;
        private final com.sun.management.ThreadMXBean threads;

        Allocations(long pid) throws Exception {
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            connector = javax.management.remote.JMXConnectorFactory.connect(
                    new javax.management.remote.JMXServiceURL(address));
            threads = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(
                    connector.getMBeanServerConnection(), java.lang.management.ManagementFactory.THREAD_MXBEAN_NAME,
                    com.sun.management.ThreadMXBean.class);
        }

        /** Thread id → bytes allocated so far, for every live thread but the management agent's own. */
        java.util.Map<Long, Long> snapshot() {
            long[] ids = threads.getAllThreadIds();
            long[] bytes = threads.getThreadAllocatedBytes(ids);
            java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
            java.util.Map<Long, Long> byThread = new java.util.HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                String thread = infos[i] == null ? "" : infos[i].getThreadName();
                if (bytes[i] >= 0 && !thread.startsWith("RMI ") && !thread.startsWith("JMX ")) {
                    byThread.put(ids[i], bytes[i]);
                }
            }
            return byThread;
        }

        /** Bytes allocated between two snapshots (threads that started in between count from zero). */
        static long between(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after) {
            long total = 0;
            for (var thread : after.entrySet()) {
                total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }

    /** Busy and total jiffies of the whole machine, from /proc/stat: busy share = Δbusy / Δtotal. */
    static long[] machineJiffies() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    static double busyShare(long[] before, long[] after) {
        return (double) (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
    }

    /**
     * The garbage collector's stop-the-world pauses: how many, and their total length. Deliveries that meet a pause
     * wait for it, so with a few milliseconds each they are what a latency tail is made of.
     */
    record Pauses(long count, double seconds) {

        Pauses since(Pauses before) {
            return new Pauses(count - before.count, seconds - before.seconds);
        }

        /** The share of them that fell in a part of the window (counted over the whole of it). */
        Pauses scaled(double share) {
            return new Pauses(Math.round(count * share), seconds * share);
        }
    }

    /**
     * A JVM's pauses so far, as {@code jstat -gc} counts them (the JVM's own counters, no agent): young and full
     * collections, and the pauses of concurrent cycles (G1's remark and cleanup).
     */
    static Pauses gcPauses(long pid) throws IOException, InterruptedException {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        Process process = new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(pid)).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jstat -gc failed: " + output);
        }
        List<String> lines = output.lines().toList();
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        long count = 0;
        double seconds = 0;
        for (String kind : List.of("YGC", "FGC", "CGC")) {
            int at = names.indexOf(kind);
            if (at >= 0 && !values[at].equals("-")) {
                count += Long.parseLong(values[at]);
                seconds += Double.parseDouble(values[at + 1]); // YGCT, FGCT, CGCT follow their counts
            }
        }
        return new Pauses(count, seconds);
    }

    /** Heap in use after a full collection, in bytes (via jcmd, as an operator would ask). */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("No heap figure from jcmd for " + pid);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Resident memory of the process, in bytes. */
    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    static long memoryBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
    }

    /** The first line a command prints, or "unknown". */
    static String firstLine(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return output.isEmpty() ? "unknown" : output.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}
