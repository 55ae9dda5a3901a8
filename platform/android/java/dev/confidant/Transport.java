package dev.confidant;

/**
 * How reports leave the device (docs/sync.md): the app sends one HTTP request;
 * the SDK keeps the queue, the retries, the backoff and the give-up rules.
 * {@link HttpUrlConnectionTransport} is a ready one.
 *
 * <p>Called on the SDK's worker thread, one request at a time; it may block up
 * to {@link HttpRequest#timeoutMs}. Return a response for any HTTP status (4xx
 * and 5xx included); throw only when no response arrived (the SDK retries
 * later). Must not call back into the same {@link Confidant}.
 */
public interface Transport {
  HttpResponse send(HttpRequest request) throws Exception;
}
