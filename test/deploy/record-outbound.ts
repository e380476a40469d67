/**
 * Preloaded into the serving process by the telemetry test (`--require`): every socket it opens is written to stderr
 * as `OUTBOUND {"host":…,"port":…}`, and one to any host but this machine is refused (destroyed before it
 * connects), so the test both sees what was attempted and knows nothing left.
 */
import net from 'node:net';

// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the socket as `this` below
const connect = net.Socket.prototype.connect;

function destination(args: unknown[]): { host: string; port: unknown } | { path: string } {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: unknown; path?: unknown };
    if (typeof options.path === 'string') return { path: options.path };
    return { host: options.host ?? 'localhost', port: options.port };
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

net.Socket.prototype.connect = function recordedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const to = destination(args);
  process.stderr.write(`OUTBOUND ${JSON.stringify(to)}\n`);
  if ('host' in to && !LOOPBACK.includes(to.host)) {
    process.nextTick(() => this.destroy(new Error(`record-outbound: refused a connection to ${to.host}`)));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
};

// And, as the process exits, how many OpenTelemetry / Azure Monitor modules it loaded.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((file) => /[\\/]@(opentelemetry|azure[\\/]monitor-)/.test(file));
  process.stderr.write(`TELEMETRY_MODULES ${loaded.length}\n`);
});
