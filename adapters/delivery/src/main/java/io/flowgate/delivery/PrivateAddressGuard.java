package io.flowgate.delivery;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.TargetGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Refuses URLs whose host is, or resolves to, an address inside the platform's own networks: loopback,
 * private (RFC 1918), link-local (including cloud metadata at 169.254.169.254), IPv6 unique-local,
 * unspecified ({@code 0.0.0.0}, which reaches the local host) and multicast. Every address the name
 * resolves to must be public.
 */
public final class PrivateAddressGuard implements TargetGuard {

    /** How a host name becomes addresses (a port, so tests need no DNS). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public PrivateAddressGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The guard on the system's resolver. */
    public static PrivateAddressGuard system() {
        return new PrivateAddressGuard(host -> List.of(InetAddress.getAllByName(host)));
    }

    /** The guard of a node: none at all when the operator allows private targets. */
    public static TargetGuard forNode(boolean allowPrivate) {
        return allowPrivate ? TargetGuard.ALLOW_ALL : system();
    }

    @Override
    public void check(URI url) {
        String host = url.getHost();
        if (host == null) {
            throw refused(url, "it names no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw refused(url, "its host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw refused(url, "its host " + host + " is " + address.getHostAddress()
                        + ", a loopback, private, link-local or unique-local address");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (isIpv4Compatible(bytes)) {
            return isInternal(ipv4(bytes));
        }
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
        boolean thisNetwork = bytes.length == 4 && bytes[0] == 0;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || thisNetwork;
    }

    /** {@code ::a.b.c.d}, the deprecated IPv4-compatible form, which some stacks still route to the IPv4 address. */
    private static boolean isIpv4Compatible(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[12] != 0 || bytes[13] != 0 || bytes[14] != 0 || bytes[15] > 1;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FlowgateException refused(URI url, String why) {
        return FlowgateException.unprocessable("The target URL is not allowed", List.of(FlowgateException.Problem.at(
                "/data/attributes/url", url + " is refused: " + why + " (FLOWGATE_DELIVERY_ALLOW_PRIVATE=true allows private targets)")));
    }
}
