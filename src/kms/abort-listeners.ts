/**
 * One `abort` listener per signal, however many requests wait on it. The CLI's SIGINT signal is shared
 * by every request of a run; adding and removing an EventTarget listener for each request cost more
 * CPU than signing it. Here a request joins and leaves a set instead.
 */

/** Something to stop when a signal fires. */
export interface AbortSubscriber {
  onSignalAbort(): void;
}

const subscribersBySignal = new WeakMap<AbortSignal, Set<AbortSubscriber>>();

/**
 * Calls `subscriber.onSignalAbort()` when `signal` fires (not when it has fired already: check `aborted`
 * first). Returns the function that unsubscribes; call it once the request is settled.
 */
export function subscribeAbort(signal: AbortSignal, subscriber: AbortSubscriber): () => void {
  let subscribers = subscribersBySignal.get(signal);
  if (subscribers === undefined) {
    const created = new Set<AbortSubscriber>();
    signal.addEventListener(
      'abort',
      () => {
        // A copy: a subscriber that settles unsubscribes while the set is being walked.
        for (const subscriber of [...created]) {
          try {
            subscriber.onSignalAbort();
          } catch (error) {
            // As an EventTarget does with a listener that throws: report it, and still stop the others.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        created.clear();
      },
      { once: true },
    );
    subscribersBySignal.set(signal, created);
    subscribers = created;
  }
  const set = subscribers;
  set.add(subscriber);
  return () => {
    set.delete(subscriber);
  };
}
