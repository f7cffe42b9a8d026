package app.ret.adapters.http;

/**
 * The JDK server reads its tuning from system properties once, when its classes initialise, so
 * they are set before the first server is created; later servers in the same JVM share them.
 */
final class JdkServerProperties {
    private static final System.Logger LOG = System.getLogger(JdkServerProperties.class.getName());
    static final int MAX_REQUEST_HEADERS = 100;
    static final int MAX_CONNECTIONS = 1000;

    private JdkServerProperties() {}

    static synchronized void apply(HttpSettings settings) {
        // Without no-delay, keep-alive JSON responses stall on Nagle and delayed ACKs (FACTS.md).
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        // Seconds on JDK 17: a request (headers and body) taking longer is cut, against slow clients.
        String maxRequest = Integer.toString(settings.maxRequestSeconds());
        String effective = setIfAbsent("sun.net.httpserver.maxReqTime", maxRequest);
        if (!effective.equals(maxRequest)) {
            LOG.log(System.Logger.Level.WARNING, "request time limit already fixed at {0}s in this JVM; {1}s ignored",
                    effective, maxRequest);
        }
        setIfAbsent("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_REQUEST_HEADERS));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    }

    private static String setIfAbsent(String name, String value) {
        String existing = System.getProperty(name);
        if (existing != null) {
            return existing;
        }
        System.setProperty(name, value);
        return value;
    }
}
