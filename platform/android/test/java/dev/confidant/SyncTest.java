package dev.confidant;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Sync from Java: a brand config (made by confidant_test_brand, its directory in
 * CONFIDANT_TEST_BRAND_DIR), a Java Transport called from the SDK's worker
 * thread, and HttpUrlConnectionTransport against a real local HTTP server.
 */
public class SyncTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private KeyProvider key;
  private String signer;
  private byte[] config;

  @Before
  public void setUp() throws Exception {
    key = KeyProvider.inMemory();
    String dir = System.getenv("CONFIDANT_TEST_BRAND_DIR");
    if (dir == null) fail("ctest sets CONFIDANT_TEST_BRAND_DIR (tests/capi/make_test_brand.cpp)");
    signer = new String(Files.readAllBytes(new File(dir, "signing.pub").toPath()), StandardCharsets.UTF_8).trim();
    config = Files.readAllBytes(new File(dir, "config.signed").toPath());
  }

  @After
  public void tearDown() {
    key.close();
  }

  private Confidant open(String url, Transport transport) {
    ConfidantOptions.Builder b = ConfidantOptions.builder().dir(new File(temp.getRoot(), "store")).keyProvider(key)
        .fixedClockMs(1795507200000L).brandSigningKey(signer);
    if (url != null) b.syncUrl(url);
    if (transport != null) b.transport(transport);
    Confidant sdk = Confidant.openAndWait(b.build());
    sdk.installConfig(config);
    sdk.grant(Collections.singletonList(Category.PURCHASES), Arrays.asList(Use.PERSONALIZE, Use.SHARE),
        ConsentSource.USER, "2026-11", "Share noised trends.");
    sdk.track(ConfidantTest.LATTE);
    sdk.flush();
    return sdk;
  }

  @Test
  public void aJavaTransportSendsTheReports() {
    final List<String> urls = Collections.synchronizedList(new ArrayList<String>());
    Transport recorder = request -> {
      urls.add(request.method + " " + request.url + " " + request.body.length);
      return new HttpResponse(200);
    };
    try (Confidant sdk = open("https://collector.test/v1/reports", recorder)) {
      assertThat(sdk.syncJson(10000, true), containsString("\\\"metric\\\":\\\"top_drink\\\""));
      assertTrue(urls.isEmpty());
      String result = sdk.syncJson(10000, false);
      assertThat(result, containsString("\"prepared\":2"));
      assertThat(result, containsString("\"sent\":2"));
      assertEquals(1, urls.size());
      assertThat(urls.get(0), containsString("POST https://collector.test/v1/reports"));
      String ledger = sdk.sharedReportsJsonl();
      assertEquals(2, ledger.split("\n").length);
      assertThat(ledger, containsString("\"status\":\"sent\""));
      assertThat(sdk.budgetJson(), containsString("\"spent\":4.0"));
    }
  }

  @Test
  public void aThrowingTransportIsACleanRetryNotACrash() {
    Transport broken = request -> {
      throw new IllegalStateException("the app's HTTP stack is broken");
    };
    try (Confidant sdk = open("https://collector.test/v1/reports", broken)) {
      String result = sdk.syncJson(10000, false);
      assertThat(result, containsString("\"sent\":0"));
      assertThat(result, containsString("\"pending\":2"));
      assertThat(sdk.sharedReportsJsonl(), containsString("the app's HTTP stack is broken"));
    }
  }

  @Test
  public void aForgedConfigIsRefused() {
    try (Confidant sdk = open(null, null)) {
      byte[] forged = config.clone();
      forged[forged.length - 1] ^= 1;
      try {
        sdk.installConfig(forged);
        fail("expected TAMPERED");
      } catch (ConfidantException e) {
        assertEquals(ErrorCode.TAMPERED, e.code());
        assertThat(e.getMessage(), containsString("signature"));
      }
    }
  }

  @Test
  public void httpUrlConnectionTransportAgainstARealServer() throws Exception {
    final AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/reports", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        while (in.read() >= 0) {}
      }
      int call = calls.incrementAndGet();
      if (call == 1) exchange.getResponseHeaders().add("Retry-After", "1");
      exchange.sendResponseHeaders(call == 1 ? 429 : 200, -1);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/reports";
    try {
      HttpResponse direct = new HttpUrlConnectionTransport().send(
          new HttpRequest("POST", url, new ArrayList<>(), new byte[] {1, 2}, 5000));
      assertEquals(429, direct.status);
      boolean sawRetryAfter = false;
      for (java.util.Map.Entry<String, String> h : direct.headers) sawRetryAfter |= h.getKey().equals("retry-after");
      assertTrue(sawRetryAfter);
      try (Confidant sdk = open(url, new HttpUrlConnectionTransport())) {
        assertThat(sdk.syncJson(10000, false), containsString("\"sent\":2"));
      }
    } finally {
      server.stop(0);
    }
    try {
      new HttpUrlConnectionTransport().send(new HttpRequest("POST", url, new ArrayList<>(), new byte[0], 2000));
      fail("expected a refused connection");
    } catch (java.io.IOException expected) {
      // no response: the SDK would retry later
    }
  }
}
