/**
Masks a secret for display: `****` plus its last 4 characters when it is longer than 8, else `****`.
Four characters are enough to tell two tokens apart and too few to guess one.

@example maskToken('0123456789abcdef') // '****cdef'
*/
export function maskToken(token: string): string {
  return token.length > 8 ? `****${token.slice(-4)}` : '****';
}

/**
Replaces every occurrence of every secret in `text` with its mask, including the URL-encoded form
(tokens travel as the `token` query parameter). Empty secrets are ignored. For output that does not go
through the logger, such as CLI prints; the logger masks on its own.
*/
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const [form, mask] of secretForms(secrets)) {
    if (out.includes(form)) out = out.split(form).join(mask);
  }
  return out;
}

/**
Every spelling of each secret with the mask that replaces it, longest first, so that a secret that
contains another one is replaced whole before the shorter one could cut it apart.
*/
export function secretForms(secrets: readonly string[]): ReadonlyArray<readonly [string, string]> {
  const forms = new Map<string, string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const mask = maskToken(secret);
    forms.set(secret, mask);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && !forms.has(encoded)) forms.set(encoded, mask);
  }
  return [...forms].sort((a, b) => b[0].length - a[0].length);
}
