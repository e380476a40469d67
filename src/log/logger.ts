import { forLog } from '../domain/text';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Field names whose values are never written, whatever the caller passes. */
const SECRET_FIELD = /pass(word)?|secret|token|key|authorization|cookie|credential/i;

function clean(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(name)) out[name] = '[redacted]';
    else if (value instanceof Error) out[name] = forLog(value.message);
    else if (typeof value === 'string') out[name] = forLog(value);
    else out[name] = value;
  }
  return out;
}

/**
 * One JSON object per line on stdout/stderr: what App Service and container hosts collect. User text is stripped of
 * control characters so a note cannot forge log lines; secret-looking fields are redacted.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string, isError: boolean) => void = defaultWrite,
  /** Fields every line carries, asked for at each line (telemetry: the active span's trace_id and span_id). */
  context: () => LogFields = () => ({}),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (at: LogLevel) => (message: string, fields: LogFields = {}): void => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const line = JSON.stringify({
      time: new Date().toISOString(), level: at, msg: forLog(message), ...context(), ...clean(fields),
    });
    write(line, at === 'error' || at === 'warn');
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function defaultWrite(line: string, isError: boolean): void {
  (isError ? process.stderr : process.stdout).write(`${line}\n`);
}

/** For tests: collects lines instead of printing them. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger(level, (line) => lines.push(line)), { lines });
}
