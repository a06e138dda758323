import { getEventListeners } from 'node:events';
import { describe, expect, test } from 'vitest';
import { subscribeAbort } from '../../src/kms/abort-listeners.js';

describe('abort subscriptions', () => {
  test('every subscriber hears the abort, once, through a single listener on the signal', () => {
    const controller = new AbortController();
    const heard: string[] = [];
    subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('a') });
    subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('b') });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(heard).toEqual(['a', 'b']);
  });

  test('a subscriber that left hears nothing, and leaving twice is harmless', () => {
    const controller = new AbortController();
    const heard: string[] = [];
    const leave = subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('gone') });
    subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('stays') });
    leave();
    leave();
    controller.abort();
    expect(heard).toEqual(['stays']);
  });

  test('a subscriber that leaves while the others are told does not stop them', () => {
    const controller = new AbortController();
    const heard: string[] = [];
    let leaveSecond = (): void => undefined;
    subscribeAbort(controller.signal, { onSignalAbort: () => (heard.push('first'), leaveSecond()) });
    leaveSecond = subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('second') });
    controller.abort();
    expect(heard).toEqual(['first', 'second']);
  });

  test('a subscriber that throws is reported as uncaught and the others are still told', async () => {
    const controller = new AbortController();
    const heard: string[] = [];
    const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    subscribeAbort(controller.signal, {
      onSignalAbort: () => {
        throw new Error('listener bug');
      },
    });
    subscribeAbort(controller.signal, { onSignalAbort: () => heard.push('other') });
    controller.abort();
    expect(heard).toEqual(['other']);
    expect(await uncaught).toMatchObject({ message: 'listener bug' });
  });

  test('separate signals keep separate subscribers', () => {
    const first = new AbortController();
    const second = new AbortController();
    const heard: string[] = [];
    subscribeAbort(first.signal, { onSignalAbort: () => heard.push('first') });
    subscribeAbort(second.signal, { onSignalAbort: () => heard.push('second') });
    second.abort();
    expect(heard).toEqual(['second']);
  });
});
