// A small structured logger: one JSON line per event on stderr. The configured secrets are masked in every line,
// whatever carries them (an error message quoting a URL or a header, a request config in an axios error).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`), secrets: string[] = []): Logger {
  const redact = redactor(secrets);
  const emit = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    write(redact(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = createLogger('silent');

/** Replaces each secret, as it appears inside a JSON string, with [redacted]. Short values are not secrets worth the noise. */
function redactor(secrets: string[]): (line: string) => string {
  const needles = secrets.filter((s) => s.length >= 8).map((s) => JSON.stringify(s).slice(1, -1));
  if (!needles.length) return (line) => line;
  return (line) => needles.reduce((out, needle) => out.split(needle).join('[redacted]'), line);
}
