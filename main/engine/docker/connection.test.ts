import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LabError } from '../errors';
import { connectDocker, engineAddress, failureHint } from './connection';
import { SshDialAgent } from './ssh-dial-agent';
import { SshDialError } from './ssh-auth';

function modem(d: unknown): { host?: string; port?: string | number; protocol?: string; agent?: unknown } {
  return (d as { modem: ReturnType<typeof modem> }).modem;
}

describe('engine address', () => {
  it('the local socket by default; tcp:// and ssh:// publish ports on their host', () => {
    expect(engineAddress({})).toMatchObject({ kind: 'socket', publishHost: '127.0.0.1' });
    expect(engineAddress({ DOCKER_HOST: 'tcp://10.1.2.3:2375' })).toMatchObject({
      kind: 'tcp',
      publishHost: '10.1.2.3',
      display: 'tcp://10.1.2.3:2375',
    });
    expect(engineAddress({ DOCKER_HOST: 'ssh://me@build-1:2200' })).toMatchObject({
      kind: 'ssh',
      publishHost: 'build-1',
    });
  });

  it('TLS as the docker CLI reads it: DOCKER_TLS_VERIFY (any non-empty value) checks, DOCKER_TLS does not', () => {
    const v = engineAddress({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' });
    expect(v).toMatchObject({ display: 'tcp://h:2376 (TLS)', tls: { verify: true, certPath: '/c' } });
    expect(engineAddress({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1', HOME: '/home/u' }).tls).toEqual({
      verify: false,
      certPath: '/home/u/.docker',
    });
    expect(engineAddress({ DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: '/c' }).tls).toBeUndefined();
  });
});

describe('connectDocker', () => {
  it('tcp:// without TLS: plain HTTP, port 2375 by default', () => {
    expect(modem(connectDocker({ DOCKER_HOST: 'tcp://10.1.2.3' }))).toMatchObject({
      host: '10.1.2.3',
      port: 2375,
      protocol: 'http',
    });
  });

  it('tcp:// with TLS: HTTPS with the files of DOCKER_CERT_PATH, port 2376 by default', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-conn-'));
    try {
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), `${f}\n`);
      const m = modem(
        connectDocker({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }),
      ) as Record<string, unknown>;
      expect(m).toMatchObject({ host: 'h', port: 2376, protocol: 'https' });
      expect(String(m.ca)).toBe('ca.pem\n');
      // No client certificate: allowed (the engine may not ask for one); a lone half is not.
      fs.rmSync(path.join(dir, 'cert.pem'));
      expect(() =>
        connectDocker({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }),
      ).toThrow(/holds key\.pem but no cert\.pem/);
      fs.rmSync(path.join(dir, 'key.pem'));
      expect(
        modem(connectDocker({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }))
          .protocol,
      ).toBe('https');
      fs.rmSync(path.join(dir, 'ca.pem'));
      expect(() =>
        connectDocker({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }),
      ).toThrow(/DOCKER_TLS_VERIFY is set but .*ca\.pem does not exist: put the CA/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ssh://: HTTP over an ssh agent that runs docker system dial-stdio on the host', () => {
    const m = modem(connectDocker({ DOCKER_HOST: 'ssh://me@127.0.0.1:2222' }));
    expect(m).toMatchObject({ host: '127.0.0.1', port: 2222, protocol: 'http' });
    expect(m.agent).toBeInstanceOf(SshDialAgent);
    expect((m.agent as SshDialAgent).target).toEqual({ user: 'me', host: '127.0.0.1', port: 2222 });
  });

  it('a DOCKER_HOST that is no engine address: a LabError naming the forms', () => {
    expect(() => connectDocker({ DOCKER_HOST: 'ftp://h' })).toThrow(LabError);
    expect(() => connectDocker({ DOCKER_HOST: 'ftp://h' })).toThrow(
      /unsupported scheme ftp: \(use unix:\/\/, tcp:\/\/ or ssh:\/\/\)/,
    );
  });
});

describe('failureHint', () => {
  const tls = engineAddress({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' });
  const plain = engineAddress({ DOCKER_HOST: 'tcp://h:2376' });
  const err = (message: string, code?: string) => Object.assign(new Error(message), { code });

  it('a TLS engine asked in plain HTTP: set DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    expect(
      failureHint(err('(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.'), plain),
    ).toMatch(/^The engine at tcp:\/\/h:2376 speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH/);
  });

  it('certificate problems name the file to change', () => {
    expect(
      failureHint(err('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'), tls),
    ).toMatch(
      /did not sign \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): put the CA that signed the engine's certificate in \/c\/ca\.pem/,
    );
    expect(
      failureHint(
        err("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'),
        tls,
      ),
    ).toMatch(/not valid for h .*subjectAltName/);
    expect(
      failureHint(
        err('ssl3_read_bytes:tlsv13 alert certificate required', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'),
        tls,
      ),
    ).toMatch(/refused the client certificate .*\/c must hold cert\.pem and key\.pem/);
    expect(failureHint(err('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'), tls)).toMatch(
      /does not speak TLS: unset DOCKER_TLS_VERIFY/,
    );
  });

  it('ssh errors are already one line; a refused connection says where', () => {
    expect(
      failureHint(new SshDialError('ssh login refused'), engineAddress({ DOCKER_HOST: 'ssh://h' })),
    ).toBe('ssh login refused');
    expect(failureHint(err('connect ECONNREFUSED', 'ECONNREFUSED'), plain)).toMatch(
      /^Docker engine not reachable at tcp:\/\/h:2376 \(ECONNREFUSED\): check that an engine listens there/,
    );
  });
});
