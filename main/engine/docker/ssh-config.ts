// What ~/.ssh/config says about a host, read as ssh(1) reads it, for DOCKER_HOST=ssh://ALIAS:
// `Host` blocks whose patterns (*, ?, !negation) match the name given, the first value of
// each keyword winning (IdentityFile accumulates), keywords case-insensitive, `key value` or
// `key=value`, quoted values. Read: HostName (%h expanded), User, Port, IdentityFile (~ and %d
// %u %h %r expanded), ProxyJump / ProxyCommand (reported: the lab does not hop). `Match`
// blocks are skipped (their conditions need ssh's runtime), `Include` reads the files it names
// (relative to ~/.ssh, globs of one level). Pure but for `readInclude`.

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  /** ProxyJump or ProxyCommand, which the lab cannot follow. */
  proxy?: string;
}

interface Line {
  key: string;
  args: string[];
}

/** Splits one config line into its keyword and arguments ("quoted words" kept whole). */
export function splitLine(raw: string): Line | null {
  const text = raw.replace(/^\s+/, '');
  if (!text || text.startsWith('#')) return null;
  const m = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(text);
  if (!m) return null;
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(m[2])) !== null) {
    if (a[2]?.startsWith('#')) break;
    args.push(a[1] ?? a[2]);
  }
  return { key: m[1].toLowerCase(), args };
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** ssh's Host matching: any positive pattern matches and no negated one does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(host)) return false;
    } else if (globToRegExp(p).test(host)) matched = true;
  }
  return matched;
}

function expandTokens(v: string, host: string, user: string, home: string): string {
  return v
    .replace(/^~(?=\/|$)/, home)
    .replace(/%(.)/g, (all, c: string) =>
      c === 'd' ? home : c === 'h' ? host : c === 'u' || c === 'r' ? user : c === '%' ? '%' : all,
    );
}

export interface ResolveOptions {
  /** The local user, for %u and as the remote user when none is named. */
  localUser: string;
  home: string;
  /** The text of an Include's file(s), by the pattern as written; '' when none. */
  readInclude?: (pattern: string) => string;
}

/** The settings ssh would use for `alias`, from config text. */
export function resolveSshConfig(text: string, alias: string, o: ResolveOptions): SshHostConfig {
  const out: SshHostConfig = { identityFiles: [] };
  let active = true; // lines before the first Host apply to every host
  const seen = new Set<string>();
  const take = (k: string) => (seen.has(k) ? false : (seen.add(k), true));
  const raw: { identity: string[] } = { identity: [] };
  const visit = (body: string, depth: number): void => {
    for (const rawLine of body.split(/\r?\n/)) {
      const l = splitLine(rawLine);
      if (!l) continue;
      if (l.key === 'host') {
        active = hostMatches(l.args, alias);
        continue;
      }
      if (l.key === 'match') {
        active = false;
        continue;
      }
      if (!active) continue;
      const v = l.args[0];
      if (v === undefined) continue;
      switch (l.key) {
        case 'include':
          if (depth < 8 && o.readInclude) for (const p of l.args) visit(o.readInclude(p), depth + 1);
          break;
        case 'hostname':
          if (take('hostname')) out.hostName = v;
          break;
        case 'user':
          if (take('user')) out.user = v;
          break;
        case 'port':
          if (take('port') && /^\d+$/.test(v)) out.port = Number(v);
          break;
        case 'identityfile':
          raw.identity.push(v);
          break;
        case 'proxyjump':
        case 'proxycommand':
          if (take('proxy') && v.toLowerCase() !== 'none')
            out.proxy = `${l.key === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand'} ${l.args.join(' ')}`;
          break;
        default:
          break;
      }
    }
  };
  visit(text, 0);
  const host = out.hostName ? out.hostName.replace(/%h/g, alias) : alias;
  if (out.hostName) out.hostName = host;
  const user = out.user ?? o.localUser;
  out.identityFiles = raw.identity.map((f) => expandTokens(f, host, user, o.home));
  return out;
}
