import { okAsync } from 'neverthrow';
import type { AnalyticsSink, Notifier } from '#app/ports/notifier.ts';

type Write = (line: Readonly<Record<string, unknown>>) => void;

/**
 * Notifications and analytics facts as structured log lines: in Lambda they land in CloudWatch Logs, where a
 * subscription (or Firehose) takes them on. An email/SMS adapter (SES, SNS) fills the same port when needed.
 */
export const createLogNotifier = (write: Write): Notifier => ({
  notify: (n) => {
    write({ message: 'notification', ...n });
    return okAsync(undefined);
  },
});

export const createLogAnalytics = (write: Write): AnalyticsSink => ({
  record: (fact) => {
    write({ message: 'analytics', ...fact });
    return okAsync(undefined);
  },
});
