package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a feed on the internet may not lead a download to. */
class InternalAddressesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254", // the cloud metadata service
        "fe80::1",
        "fd00::1",
        "fc00::1",
        "100.64.0.1",
        "100.127.255.255",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::a00:1" // NAT64 of 10.0.0.1
      })
  void privateNetworksAndThisMachineAreInternal(String address) throws Exception {
    assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "93.184.216.34",
        "11.0.0.1",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "100.63.255.255",
        "192.169.0.1",
        "2606:4700::1111",
        "2001:db8::1",
        "64:ff9b::808:808" // NAT64 of 8.8.8.8
      })
  void internetAddressesAreNot(String address) throws Exception {
    assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).isFalse();
  }
}
