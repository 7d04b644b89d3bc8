// Host key checking against OpenSSH's known_hosts, as `ssh` does before the docker CLI's
// `docker system dial-stdio` runs: plain and hashed (|1|salt|hash) host fields, [host]:port
// for a port other than 22, patterns with * ? and !negation, @revoked lines. Pure: the file's
// text is passed in.
import crypto from 'node:crypto';

export type HostKeyCheck =
  { ok: true } | { ok: false; reason: 'unknown' | 'mismatch' | 'revoked'; knownTypes: string[] };

export interface KnownKey {
  marker: '' | '@revoked' | '@cert-authority';
  type: string;
  key: Buffer;
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(name);
}

function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const h = crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return h === hash;
  }
  let matched = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) matched = true;
  }
  return matched;
}

/** The keys known_hosts lists for host:port, in file order. */
export function knownKeysFor(text: string, host: string, port: number): KnownKey[] {
  const name = knownHostName(host, port);
  const keys: KnownKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/\s+/);
    let marker: KnownKey['marker'] = '';
    if (f[0] === '@revoked' || f[0] === '@cert-authority') marker = f.shift() as KnownKey['marker'];
    if (f.length < 3) continue;
    if (!hostFieldMatches(f[0], name)) continue;
    keys.push({ marker, type: f[1], key: Buffer.from(f[2], 'base64') });
  }
  return keys;
}

/** Checks the raw host key the server showed (SSH wire format, as ssh2 hands it over). */
export function checkHostKey(text: string, host: string, port: number, key: Buffer): HostKeyCheck {
  const known = knownKeysFor(text, host, port);
  const plain = known.filter((k) => k.marker === '');
  const knownTypes = [...new Set(plain.map((k) => k.type))];
  if (known.some((k) => k.marker === '@revoked' && k.key.equals(key)))
    return { ok: false, reason: 'revoked', knownTypes };
  if (plain.some((k) => k.key.equals(key))) return { ok: true };
  return { ok: false, reason: plain.length ? 'mismatch' : 'unknown', knownTypes };
}

const SUPPORTED = new Set([
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
]);

/**
 * Host key algorithms to prefer, as OpenSSH does: those of the keys already known for the host
 * go first (ssh2's other defaults stay after them), so that a host known by its ECDSA key is not
 * asked for its Ed25519 one. In ssh2's {remove, prepend, append} form (remove first: prepend
 * skips names already listed).
 */
export function preferredHostKeyAlgorithms(
  knownTypes: string[],
): { remove: string[]; prepend: string[]; append: string[] } | undefined {
  const out: string[] = [];
  for (const t of knownTypes) {
    for (const a of t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])
      if (SUPPORTED.has(a) && !out.includes(a)) out.push(a);
  }
  return out.length ? { remove: out, prepend: out, append: [] } : undefined;
}
