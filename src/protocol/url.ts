import { NAMESPACE } from './events.js';

/**
The namespace URL for a `HOST` setting: the base URL without the namespace, or one that
already ends in `/pku` (docs/protocol.md §1.2 accepts both, without doubling it).
*/
export function namespaceUrl(host: string): string {
  const trimmed = host.replace(/\/+$/, '');
  return trimmed.endsWith(NAMESPACE) ? trimmed : `${trimmed}${NAMESPACE}`;
}
