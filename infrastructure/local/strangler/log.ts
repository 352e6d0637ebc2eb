import { METRIC_NAMESPACE } from '#adapters/lambda/observability/metric-names.ts';

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const rank: Record<Level, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export type Fields = Readonly<Record<string, unknown>>;

export type LocalLog = Readonly<{
  debug: (message: string, fields?: Fields) => void;
  info: (message: string, fields?: Fields) => void;
  warn: (message: string, fields?: Fields) => void;
  error: (message: string, fields?: Fields) => void;
  /** One CloudWatch EMF line (a count), with the dimensions as properties and extra fields for context. */
  metric: (name: string, value: number, dimensions: Readonly<Record<string, string>>, fields?: Fields) => void;
}>;

export type LocalLogOptions = Readonly<{
  service: string;
  /** A person at a terminal reads the compact form; anything else (pipes, files, CloudWatch-like tools) gets JSON lines. */
  pretty?: boolean;
  level?: Level;
  write?: (line: string) => void;
  now?: () => Date;
}>;

const shown = (v: unknown) => (typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

/** `12:03:04.567 WARN  shadow mismatch  cid=7f3a… routeKey="GET /products" status=200`. */
const prettyLine = (entry: Record<string, unknown>) => {
  const { timestamp, level, message, correlationId, service: _service, ...rest } = entry;
  const time = String(timestamp).slice(11, 23);
  const cid = correlationId ? ` cid=${String(correlationId).slice(0, 8)}` : '';
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${shown(v)}`)
    .join(' ');
  return `${time} ${String(level).padEnd(5)} ${message}${cid}${fields ? `  ${fields}` : ''}`;
};

/**
 * The local runtime's logger: the same JSON shape Powertools writes in Lambda (level, message, service,
 * timestamp, correlationId, fields) and EMF metrics under the Orderly namespace, on stdout; pretty on a TTY.
 */
export const createLocalLog = ({
  service,
  pretty = false,
  level = 'INFO',
  write = (line) => process.stdout.write(`${line}\n`),
  now = () => new Date(),
}: LocalLogOptions): LocalLog => {
  const at =
    (lvl: Level) =>
    (message: string, fields: Fields = {}) => {
      if (rank[lvl] < rank[level]) return;
      const entry = { level: lvl, message, service, timestamp: now().toISOString(), ...fields };
      write(pretty ? prettyLine(entry) : JSON.stringify(entry));
    };
  return {
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
    metric: (name, value, dimensions, fields = {}) => {
      const timestamp = now();
      if (pretty) {
        write(
          prettyLine({
            timestamp: timestamp.toISOString(),
            level: 'METRIC',
            message: `${name}=${value}`,
            ...dimensions,
            ...fields,
          }),
        );
        return;
      }
      const emf = {
        _aws: {
          Timestamp: timestamp.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: METRIC_NAMESPACE,
              Dimensions: [['service', ...Object.keys(dimensions)]],
              Metrics: [{ Name: name, Unit: 'Count' }],
            },
          ],
        },
        service,
        ...dimensions,
        ...fields,
        [name]: value,
      };
      write(JSON.stringify(emf));
    },
  };
};
