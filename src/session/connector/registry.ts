import { SessionError } from '../errors.js';
import { SocketIoConnector } from './socket-io-connector.js';
import type { Connector, ConnectorFactory, ConnectorOptions } from './types.js';

/** The connector used when none is named. */
export const DEFAULT_CONNECTOR = 'socket.io-v2';

const registry = new Map<string, ConnectorFactory>([[DEFAULT_CONNECTOR, (o) => new SocketIoConnector(o)]]);

/**
Makes a transport available by name, e.g. `registerConnector('my-http', (o) => new MyConnector(o))`;
then `runSession(..., { connector: 'my-http' })` uses it. Nothing else needs to change.
*/
export function registerConnector(name: string, factory: ConnectorFactory): void {
  registry.set(name, factory);
}

export function connectorNames(): string[] {
  return [...registry.keys()];
}

export function createConnector(name: string, options: ConnectorOptions): Connector {
  const factory = registry.get(name);
  if (!factory) {
    throw new SessionError(
      `unknown connector "${name}"; known: ${connectorNames().join(', ')}`,
      'connection',
    );
  }
  return factory(options);
}
