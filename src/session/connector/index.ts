export { SocketIoConnector } from './socket-io-connector.js';
export { registerConnector, createConnector, connectorNames, DEFAULT_CONNECTOR } from './registry.js';
export { backoffDelay, DEFAULT_RECONNECT } from './backoff.js';
export type {
  Connector,
  ConnectorEvents,
  ConnectorFactory,
  ConnectorOptions,
  LifecycleEvents,
  ReconnectPolicy,
  ServerEvents,
} from './types.js';
