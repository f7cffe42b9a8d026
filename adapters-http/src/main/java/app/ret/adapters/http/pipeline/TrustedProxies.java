package app.ret.adapters.http.pipeline;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peers whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}: addresses or CIDR
 * networks), and so who the client behind a request is. Addresses are only ever parsed as literals,
 * never looked up by name.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** Anyone can hold a whole IPv6 /64, so its addresses count as one client. */
    private static final int IPV6_CLIENT_PREFIX_BYTES = 8;

    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /** Each entry an IPv4 or IPv6 address, or a network such as {@code 10.0.0.0/8}; anything else is refused. */
    public static TrustedProxies parse(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            InetAddress base = parseLiteral(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR network: '" + entry + "'"));
            int maxBits = base.getAddress().length * 8;
            int bits = slash < 0 ? maxBits : prefixLength(entry, entry.substring(slash + 1), maxBits);
            networks.add(new Network(base.getAddress(), bits));
        }
        return new TrustedProxies(networks);
    }

    boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        return networks.stream().anyMatch(network -> network.contains(bytes));
    }

    /**
     * The client behind {@code peer}, as rate limits and login throttling key it. An untrusted peer
     * is the client, whatever it claims. From a trusted peer, {@code X-Forwarded-For} is read from the
     * right (the hop the peer itself added) and the first hop that is not a trusted proxy is the
     * client; an entry that is not an address ends the walk at the last trusted hop. IPv6 clients are
     * reduced to their /64 network.
     */
    String clientAddress(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        if (trusts(peer)) {
            List<String> hops = forwardedFor.stream().flatMap(value -> Arrays.stream(value.split(","))).toList();
            for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
                Optional<InetAddress> hop = parseLiteral(hops.get(i));
                if (hop.isEmpty()) {
                    break;
                }
                client = hop.get();
            }
        }
        return clientText(client);
    }

    private static String clientText(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client.getHostAddress();
        }
        byte[] network = Arrays.copyOf(client.getAddress(), 16);
        Arrays.fill(network, IPV6_CLIENT_PREFIX_BYTES, network.length, (byte) 0);
        return literal(network).getHostAddress() + "/" + IPV6_CLIENT_PREFIX_BYTES * 8;
    }

    static Optional<InetAddress> parseLiteral(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        Matcher ipv4 = IPV4.matcher(candidate);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(literal(bytes));
        }
        if (!IPV6.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            // Bracketed, the JDK parses it as an IPv6 literal or fails; it never asks DNS.
            return Optional.of(InetAddress.getByName("[" + candidate + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static int prefixLength(String entry, String digits, int maxBits) {
        try {
            int bits = Integer.parseInt(digits);
            if (bits >= 0 && bits <= maxBits) {
                return bits;
            }
        } catch (NumberFormatException e) {
            // reported below, with the entry
        }
        throw new IllegalArgumentException("prefix length of '" + entry + "' must be 0-" + maxBits);
    }

    private static final class Network {
        private final byte[] prefix;
        private final int bits;

        Network(byte[] prefix, int bits) {
            this.prefix = prefix.clone();
            this.bits = bits;
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
