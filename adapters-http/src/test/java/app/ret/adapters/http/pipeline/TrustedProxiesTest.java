package app.ret.adapters.http.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static final InetAddress PROXY = address("10.0.0.5");
    private static final InetAddress STRANGER = address("203.0.113.50");

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.5"));

        assertThat(proxies.clientAddress(STRANGER, List.of("198.51.100.1"))).isEqualTo("203.0.113.50");
        assertThat(TrustedProxies.parse(List.of()).clientAddress(PROXY, List.of("198.51.100.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8"));

        assertThat(proxies.clientAddress(PROXY, List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress(PROXY, List.of("192.0.2.66, 198.51.100.1, 10.1.2.3"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress(PROXY, List.of("192.0.2.66", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedPeerWithoutAUsableHeaderIsItsOwnClient() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.5"));

        assertThat(proxies.clientAddress(PROXY, List.of())).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress(PROXY, List.of("not-an-address"))).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress(PROXY, List.of("192.0.2.66, 300.1.1.1"))).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress(PROXY, List.of("localhost"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("2001:db8:ffff::1"));
        InetAddress proxy = address("2001:db8:ffff::1");

        assertThat(proxies.clientAddress(address("2001:db8:1:2:aaaa::7"), List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(proxies.clientAddress(proxy, List.of("[2001:db8:1:2::99]"))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(proxies.clientAddress(proxy, List.of("::ffff:192.0.2.9"))).isEqualTo("192.0.2.9");
    }

    @Test
    void networksMatchOnTheirPrefixOnly() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("192.168.0.0/23", "2001:db8::/33", " 172.16.0.1 "));

        assertThat(proxies.trusts(address("192.168.1.200"))).isTrue();
        assertThat(proxies.trusts(address("192.168.2.1"))).isFalse();
        assertThat(proxies.trusts(address("2001:db8:7fff::1"))).isTrue();
        assertThat(proxies.trusts(address("2001:db8:8000::1"))).isFalse();
        assertThat(proxies.trusts(address("172.16.0.1"))).isTrue();
        assertThat(proxies.trusts(address("172.16.0.2"))).isFalse();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts(address("8.8.8.8"))).isTrue();
    }

    @Test
    void entriesThatAreNotAddressesAreRefused() {
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "256.1.1.1", "::1/129", "10.0.0.1/")) {
            assertThatThrownBy(() -> TrustedProxies.parse(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    private static InetAddress address(String literal) {
        return TrustedProxies.parseLiteral(literal).orElseThrow();
    }
}
