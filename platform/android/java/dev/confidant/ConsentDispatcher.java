package dev.confidant;

import java.util.ArrayList;
import java.util.List;

/**
 * The one native consent observer of a {@link Confidant}, handing each event to the Java
 * listeners. Listeners live here, not in native code, so adding and removing one needs no native
 * call (and no SDK handle) and cannot wait on the SDK.
 *
 * <p>{@link #dispatch} runs on the SDK's consent-event thread and holds this object's monitor
 * while it calls the listeners, so {@link #remove} from another thread returns only once no call
 * of that listener is in progress; from inside a listener (same thread, reentrant monitor) it
 * returns at once.
 */
final class ConsentDispatcher {
  private final List<ConsentListener> listeners = new ArrayList<>(); // guarded by this

  synchronized void add(ConsentListener listener) {
    listeners.add(listener);
  }

  synchronized boolean remove(ConsentListener listener) {
    return listeners.remove(listener);
  }

  /** Called from native code, on the SDK's consent-event thread. */
  synchronized void dispatch(long sequence, int category, int use, int state, int source, byte[] policyVersion,
      long atUnixMs, long missed) {
    Category c = category >= 0 && category < Category.values().length ? Category.values()[category] : null;
    Use u = use >= 0 && use < Use.values().length ? Use.values()[use] : null;
    ConsentSource s = source >= 0 && source < ConsentSource.values().length ? ConsentSource.values()[source] : null;
    // A value this library does not know (a newer native library): not delivered as a wrong one;
    // the sequence gap shows it.
    if (c == null || u == null || s == null) return;
    ConsentEvent event = new ConsentEvent(sequence, c, u, ConsentState.fromValue(state), s,
        NativeBridge.string(policyVersion), atUnixMs, missed);
    for (ConsentListener listener : new ArrayList<>(listeners)) {
      if (!listeners.contains(listener)) continue; // removed by an earlier listener of this event
      try {
        listener.onConsentChanged(event);
      } catch (Throwable thrown) {
        // The host's bug: it must not end delivery for the other listeners, nor reach the SDK.
      }
    }
  }
}
