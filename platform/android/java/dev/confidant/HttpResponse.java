package dev.confidant;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What came back: any status, its headers (e.g. Retry-After) and body. */
public final class HttpResponse {
  public final int status;
  public final List<Map.Entry<String, String>> headers;
  public final byte[] body;

  public HttpResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    this.status = status;
    this.headers = headers == null ? Collections.<Map.Entry<String, String>>emptyList() : headers;
    this.body = body == null ? new byte[0] : body;
  }

  public HttpResponse(int status) {
    this(status, null, null);
  }

  /** A header entry, for building responses. */
  public static Map.Entry<String, String> header(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  static List<Map.Entry<String, String>> newHeaderList() {
    return new ArrayList<>();
  }
}
