package app.ret.benchmarks;

import java.nio.file.Path;

/** The command line of a report over the shared data: {@code --shared-data DIR --results PATH [--quick]}. */
record ReportArguments(Path sharedData, Path results, boolean quick) {
    static ReportArguments parse(String[] args, Path defaultResults) {
        Path sharedData = Path.of("../shared/data");
        Path results = defaultResults;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared-data" -> sharedData = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new ReportArguments(sharedData.toAbsolutePath().normalize(), results, quick);
    }
}
