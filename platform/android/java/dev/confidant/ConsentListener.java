package dev.confidant;

/**
 * Told of every consent change: one call per consent ledger record, whoever made the change (the
 * person, an app default, the app's CMP through {@link Confidant#applyCmpJson}), after the change
 * and the purge it caused are durable in the store. Register with {@link
 * Confidant#addConsentListener}.
 *
 * <p><b>Thread.</b> Called on the SDK's consent-event thread (a native thread attached to the JVM
 * as a daemon), one event at a time, in sequence order, never on the main thread: post to the UI
 * thread to update a screen. It may call back into the {@link Confidant} (read the states, grant,
 * remove itself, even close it). An exception it throws is caught; the SDK and the other listeners
 * go on.
 */
public interface ConsentListener {
  void onConsentChanged(ConsentEvent event);
}
