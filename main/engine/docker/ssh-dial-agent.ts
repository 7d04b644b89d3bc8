// An http.Agent that reaches a Docker engine over ssh the way the docker CLI does for
// DOCKER_HOST=ssh://user@host[:port]: each HTTP connection is a `docker system dial-stdio`
// run on the remote host, its stdin/stdout the connection to the remote engine's socket.
//
// Unlike docker-modem's own ssh support (a new ssh connection, handshake and login per HTTP
// request, no host key check), one ssh connection carries several such channels, HTTP
// connections are kept alive and reused, and an idle connection does not keep the process
// alive. sshd allows 10 sessions per connection by default (MaxSessions): at most
// CHANNELS_PER_CONNECTION are opened on one, and a refused channel opens another connection.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type ClientChannel } from 'ssh2';
import { SshDialError, describeTarget, hostCheck, sshCredentials, type SshTarget } from './ssh-auth';

const CHANNELS_PER_CONNECTION = 8;
const DIAL_COMMAND = 'docker system dial-stdio';

interface Conn {
  client: ssh2.Client;
  sock: net.Socket;
  ready: Promise<void>;
  channels: number;
  /** Channels carrying a request now (the others wait in the agent's free pool). */
  busy: number;
  capacity: number;
  closed: boolean;
}

type DialChannel = ClientChannel & {
  setKeepAlive(): void;
  setNoDelay(): void;
  setTimeout(): void;
  ref(): void;
  unref(): void;
};

export class SshDialAgent extends http.Agent {
  private conns: Conn[] = [];
  private readonly owner = new WeakMap<Duplex, { conn: Conn; busy: boolean }>();

  constructor(
    readonly target: SshTarget,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super({ keepAlive: true, maxFreeSockets: CHANNELS_PER_CONNECTION });
  }

  override createConnection(
    _options: unknown,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.openChannel().then(
      (ch) => callback?.(null, ch),
      (e: Error) => callback?.(e, undefined as unknown as Duplex),
    );
    return undefined;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    this.setBusy(socket, false);
    // http.Agent's own: no-ops on a channel (see adopt), besides its timeout bookkeeping.
    return (super.keepSocketAlive(socket) as unknown as boolean | undefined) !== false;
  }

  override reuseSocket(socket: Duplex, req: http.ClientRequest): void {
    this.setBusy(socket, true);
    // http.Agent's own removes the error listener it put on the socket while it was free.
    super.reuseSocket(socket, req);
  }

  override destroy(): void {
    super.destroy();
    for (const c of this.conns) c.client.end();
    this.conns = [];
  }

  private setBusy(socket: Duplex, busy: boolean): void {
    const o = this.owner.get(socket);
    if (!o || o.busy === busy) return;
    o.busy = busy;
    o.conn.busy += busy ? 1 : -1;
    refresh(o.conn);
  }

  private async openChannel(): Promise<Duplex> {
    for (let attempt = 0; ; attempt++) {
      const c = this.conns.find((x) => !x.closed && x.channels < x.capacity) ?? this.connect();
      c.channels++;
      c.busy++;
      refresh(c);
      try {
        await c.ready;
        const ch = await new Promise<ClientChannel>((resolve, reject) =>
          c.client.exec(DIAL_COMMAND, (err, stream) => (err ? reject(err) : resolve(stream))),
        );
        return this.adopt(c, ch);
      } catch (e) {
        c.channels--;
        c.busy--;
        refresh(c);
        // The server would open no more sessions on this connection: use another one.
        if (!c.closed && attempt < 3 && /open failure|open failed/i.test(String(e))) {
          c.capacity = Math.max(1, c.channels);
          continue;
        }
        throw e;
      }
    }
  }

  /** A new ssh connection; throws at once (SshDialError) when there is nothing to log in with. */
  private connect(): Conn {
    const t = this.target;
    if (t.proxy)
      throw new SshDialError(
        `~/.ssh/config reaches ${t.alias ?? t.host} through ${t.proxy}, which the lab does not follow: point DOCKER_HOST at a host it can reach directly, or forward the engine's socket (ssh -L /tmp/docker.sock:/var/run/docker.sock ${t.alias ?? t.host}) and use DOCKER_HOST=unix:///tmp/docker.sock`,
      );
    const creds = sshCredentials(t, this.env);
    const check = hostCheck(t, this.env);
    const client = new ssh2.Client();
    const sock = net.connect({ host: t.host, port: t.port });
    const conn: Conn = {
      client,
      sock,
      ready: Promise.resolve(),
      channels: 0,
      busy: 0,
      capacity: CHANNELS_PER_CONNECTION,
      closed: false,
    };
    const gone = () => {
      conn.closed = true;
      this.conns = this.conns.filter((x) => x !== conn);
    };
    conn.ready = new Promise<void>((resolve, reject) => {
      client
        .once('ready', () => resolve())
        .on('error', (e: Error & { level?: string; code?: string }) => {
          gone();
          reject(explain(e, t, creds.tried, check.refusal()));
        })
        .on('close', gone)
        .connect({
          sock,
          username: t.user,
          authHandler: creds.methods,
          hostVerifier: (key: Buffer) => check.verify(key),
          algorithms: check.algorithms ? { serverHostKey: check.algorithms } : undefined,
          readyTimeout: 20_000,
        });
    });
    // A connection that failed is reported by the requests that wait on it.
    conn.ready.catch(() => undefined);
    this.conns.push(conn);
    return conn;
  }

  private adopt(c: Conn, ch: ClientChannel): Duplex {
    const s = ch as DialChannel;
    const noop = () => undefined;
    s.setKeepAlive = noop;
    s.setNoDelay = noop;
    s.setTimeout = noop;
    s.ref = noop;
    s.unref = noop;
    this.owner.set(s, { conn: c, busy: true });
    let stderr = '';
    let exitCode: number | null = null;
    ch.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    ch.on('exit', (code: number | null) => {
      exitCode = code;
    });
    // `docker system dial-stdio` failed on the remote (no docker CLI, no engine): say what it
    // printed rather than "socket hang up". Before the HTTP client's own 'end' listener.
    ch.prependListener('end', () => {
      const text = stderr.trim();
      if (text)
        s.emit(
          'error',
          new SshDialError(
            `'${DIAL_COMMAND}' on ${describeTarget(this.target)} failed${exitCode !== null ? ` (exit ${exitCode})` : ''}: ${text.split('\n').slice(-3).join(' | ')} (the ssh host needs the docker CLI and a running engine its user may use)`,
          ),
        );
    });
    ch.on('error', () => undefined); // reported through the request; never an uncaught error
    ch.once('close', () => {
      c.channels--;
      this.setBusy(s, false);
      refresh(c);
    });
    return s;
  }
}

/** An ssh connection with no request in flight does not keep the process alive. */
function refresh(c: Conn): void {
  if (c.busy > 0) c.sock.ref();
  else c.sock.unref();
}

function explain(
  e: Error & { level?: string; code?: string },
  t: SshTarget,
  tried: string[],
  refusal: SshDialError | undefined,
): Error {
  const where = describeTarget(t);
  if (refusal) return refusal;
  if (e.level === 'client-authentication')
    return new SshDialError(
      `ssh login as ${where} refused (tried: ${tried.join(', ')}): load a key that host accepts into ssh-agent, or set CHAOSLAB_SSH_KEY=/path/to/private/key`,
    );
  if (e.level === 'client-timeout')
    return new SshDialError(`ssh handshake with ${where} timed out after 20 s`);
  if (e.code && /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(e.code))
    return new SshDialError(`no ssh server answers at ${t.host}:${t.port} (${e.code}): check DOCKER_HOST`);
  return new SshDialError(`ssh to ${where} failed: ${e.message}`);
}
