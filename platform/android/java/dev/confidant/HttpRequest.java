package dev.confidant;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One HTTP request the SDK asks a {@link Transport} to send. */
public final class HttpRequest {
  public final String method;
  public final String url;
  /** In order; names as the SDK wrote them. */
  public final List<Map.Entry<String, String>> headers;
  public final byte[] body;
  public final long timeoutMs;

  HttpRequest(String method, String url, List<Map.Entry<String, String>> headers, byte[] body, long timeoutMs) {
    this.method = method;
    this.url = url;
    this.headers = Collections.unmodifiableList(headers);
    this.body = body;
    this.timeoutMs = timeoutMs;
  }
}
