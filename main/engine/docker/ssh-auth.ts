// What an ssh:// engine connection authenticates with and which host keys it trusts, read
// the way `ssh` (run by the docker CLI for DOCKER_HOST=ssh://...) would:
// - credentials: CHAOSLAB_SSH_KEY (a private key file) first, then ssh-agent (SSH_AUTH_SOCK),
//   then the default key files ~/.ssh/id_ed25519, id_ecdsa, id_rsa (unencrypted ones; an
//   encrypted key is used through ssh-agent);
// - host keys: ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts; a host not listed there, or
//   listed with another key, is refused (as ssh does without a terminal to ask on).
// - ~/.ssh/config (ssh-config.ts): a Host alias's HostName, User, Port and IdentityFile (the
//   URL's own user and port win, as on ssh's command line); a ProxyJump/ProxyCommand is
//   refused with a line saying so (the lab connects to the engine's host directly).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2, {
  type AuthMethod,
  type AgentAuthMethod,
  type PublicKeyAuthMethod,
  type ServerHostKeyAlgorithm,
} from 'ssh2';
import { checkHostKey, knownKeysFor, knownHostName, preferredHostKeyAlgorithms } from './known-hosts';
import { resolveSshConfig } from './ssh-config';

// ssh2 is CommonJS: its `utils` is no named ESM export.
const sshUtils = ssh2.utils;

export interface SshTarget {
  user: string;
  host: string;
  port: number;
  /** The name DOCKER_HOST gave when ~/.ssh/config mapped it to another host. */
  alias?: string;
  /** IdentityFile entries of ~/.ssh/config for this host (tried instead of the default keys). */
  identityFiles?: string[];
  /** A ProxyJump/ProxyCommand ~/.ssh/config sets for this host: not followed. */
  proxy?: string;
}

/** An ssh problem said in one line that names the fix. */
export class SshDialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshDialError';
  }
}

function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** An Include's files: relative to ~/.ssh, a `*` in the last part expanded. */
function readInclude(pattern: string, sshDir: string, homeDir: string): string {
  const abs = pattern.replace(/^~(?=\/)/, homeDir);
  const full = path.isAbsolute(abs) ? abs : path.join(sshDir, abs);
  const dir = path.dirname(full);
  const base = path.basename(full);
  if (!base.includes('*')) return readConfigFile(full);
  const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => re.test(n))
      .sort();
  } catch {
    return '';
  }
  return names.map((n) => readConfigFile(path.join(dir, n))).join('\n');
}

/** Where DOCKER_HOST=ssh://... leads, with what ~/.ssh/config says about that name. */
export function sshTargetOf(dockerHost: string, env: NodeJS.ProcessEnv = process.env): SshTarget {
  const u = new URL(dockerHost);
  const given = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const homeDir = home(env);
  const sshDir = path.join(homeDir, '.ssh');
  const localUser = os.userInfo().username;
  const c = resolveSshConfig(readConfigFile(path.join(sshDir, 'config')), given, {
    localUser,
    home: homeDir,
    readInclude: (p) => readInclude(p, sshDir, homeDir),
  });
  const t: SshTarget = {
    user: decodeURIComponent(u.username) || c.user || localUser,
    host: c.hostName ?? given,
    port: u.port ? Number(u.port) : (c.port ?? 22),
  };
  if (c.hostName && c.hostName !== given) t.alias = given;
  if (c.identityFiles.length) t.identityFiles = c.identityFiles;
  if (c.proxy) t.proxy = c.proxy;
  return t;
}

export function describeTarget(t: SshTarget): string {
  return `${t.user}@${t.host}${t.port === 22 ? '' : `:${t.port}`}`;
}

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export interface SshCredentials {
  methods: (AuthMethod & (AgentAuthMethod | PublicKeyAuthMethod))[];
  /** What was tried, for an error message. */
  tried: string[];
}

function keyMethod(user: string, file: string): PublicKeyAuthMethod | string {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch (e) {
    return `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  const parsed = sshUtils.parseKey(text);
  if (parsed instanceof Error) {
    return /encrypted/i.test(parsed.message)
      ? `${file} is encrypted: add it to ssh-agent (ssh-add ${file}) and set SSH_AUTH_SOCK`
      : `${file} is not a private key ssh2 can read (${parsed.message})`;
  }
  return { type: 'publickey', username: user, key: text };
}

export function sshCredentials(target: SshTarget, env: NodeJS.ProcessEnv = process.env): SshCredentials {
  const methods: SshCredentials['methods'] = [];
  const tried: string[] = [];
  const explicit = env.CHAOSLAB_SSH_KEY;
  if (explicit) {
    const m = keyMethod(target.user, explicit);
    if (typeof m === 'string') throw new SshDialError(`CHAOSLAB_SSH_KEY: ${m}`);
    methods.push(m);
    tried.push(`key ${explicit} (CHAOSLAB_SSH_KEY)`);
  }
  if (env.SSH_AUTH_SOCK) {
    methods.push({ type: 'agent', username: target.user, agent: env.SSH_AUTH_SOCK });
    tried.push('ssh-agent (SSH_AUTH_SOCK)');
  }
  const skipped: string[] = [];
  if (!explicit) {
    // ssh's order: the IdentityFile entries of ~/.ssh/config if any, else the default keys.
    const files = target.identityFiles?.length
      ? target.identityFiles
      : DEFAULT_KEYS.map((name) => path.join(home(env), '.ssh', name));
    for (const file of files) {
      if (!fs.existsSync(file)) {
        if (target.identityFiles?.length)
          skipped.push(`${file} (IdentityFile in ~/.ssh/config) does not exist`);
        continue;
      }
      const m = keyMethod(target.user, file);
      if (typeof m === 'string') skipped.push(m);
      else {
        methods.push(m);
        tried.push(`key ${file}`);
      }
    }
  }
  if (!methods.length) {
    throw new SshDialError(
      `no ssh credentials for DOCKER_HOST=ssh://${describeTarget(target)}${skipped.length ? ` (${skipped.join('; ')})` : ''}: start ssh-agent and ssh-add your key (SSH_AUTH_SOCK), put a key in ~/.ssh/id_ed25519 (or id_ecdsa, id_rsa), or set CHAOSLAB_SSH_KEY=/path/to/private/key`,
    );
  }
  return { methods, tried };
}

function knownHostsFiles(env: NodeJS.ProcessEnv): string[] {
  return [path.join(home(env), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

function readKnownHosts(env: NodeJS.ProcessEnv): string {
  return knownHostsFiles(env)
    .map((f) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

export interface HostCheck {
  /** For ssh2's hostVerifier: true to go on. Records why it said no. */
  verify(key: Buffer): boolean;
  /** Why the last verify() said no, as a one-line error; undefined if it did not. */
  refusal(): SshDialError | undefined;
  /** Host key algorithms to prefer (those known for the host). */
  algorithms?: Record<'remove' | 'prepend' | 'append', ServerHostKeyAlgorithm[]>;
}

export function hostCheck(target: SshTarget, env: NodeJS.ProcessEnv = process.env): HostCheck {
  const text = readKnownHosts(env);
  const knownTypes = [
    ...new Set(
      knownKeysFor(text, target.host, target.port)
        .filter((k) => !k.marker)
        .map((k) => k.type),
    ),
  ];
  let refused: SshDialError | undefined;
  const name = knownHostName(target.host, target.port);
  const portArg = target.port === 22 ? '' : `-p ${target.port} `;
  return {
    algorithms: preferredHostKeyAlgorithms(knownTypes) as HostCheck['algorithms'],
    verify(key) {
      const r = checkHostKey(text, target.host, target.port, key);
      if (r.ok) return true;
      const type = sshUtils.parseKey(key);
      const shown = type instanceof Error ? 'its key' : `its ${type.type} key`;
      if (r.reason === 'unknown')
        refused = new SshDialError(
          `ssh host ${name} is not in ~/.ssh/known_hosts: connect once with 'ssh ${portArg}${target.user}@${target.host}' and accept ${shown} after checking its fingerprint, then retry`,
        );
      else if (r.reason === 'revoked')
        refused = new SshDialError(
          `ssh host ${name} showed ${shown}, which known_hosts marks @revoked: refused`,
        );
      else
        refused = new SshDialError(
          `ssh host ${name} showed ${shown}, which does NOT match ~/.ssh/known_hosts (known: ${r.knownTypes.join(', ')}): someone may be in the middle; if the host was reinstalled, remove the old key with 'ssh-keygen -R "${name}"' and connect once with ssh`,
        );
      return false;
    },
    refusal: () => refused,
  };
}
