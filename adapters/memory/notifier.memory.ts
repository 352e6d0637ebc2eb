import { okAsync } from 'neverthrow';
import type { AnalyticsSink, Notification, Notifier } from '#app/ports/notifier.ts';

/** Keeps what was sent, so tests and the local console can see every notification and analytics fact. */
export const createMemoryNotifier = () => {
  const sent: Notification[] = [];
  const notifier: Notifier = {
    notify: (n) => {
      sent.push(n);
      return okAsync(undefined);
    },
  };
  return { notifier, sent: (): readonly Notification[] => [...sent] };
};

export const createMemoryAnalytics = () => {
  const facts: Parameters<AnalyticsSink['record']>[0][] = [];
  const analytics: AnalyticsSink = {
    record: (fact) => {
      facts.push(fact);
      return okAsync(undefined);
    },
  };
  return { analytics, facts: () => [...facts] };
};
