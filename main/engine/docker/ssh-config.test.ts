import { describe, it, expect } from 'vitest';
import { hostMatches, resolveSshConfig, splitLine } from './ssh-config';

const o = { localUser: 'me', home: '/home/me' };

describe('ssh_config reading', () => {
  it('splits "key value", "key=value", quoted values and trailing comments', () => {
    expect(splitLine('  HostName  10.0.0.1')).toEqual({ key: 'hostname', args: ['10.0.0.1'] });
    expect(splitLine('Port=2222')).toEqual({ key: 'port', args: ['2222'] });
    expect(splitLine('IdentityFile "/keys/my key" # work')).toEqual({
      key: 'identityfile',
      args: ['/keys/my key'],
    });
    expect(splitLine('# a comment')).toBeNull();
    expect(splitLine('')).toBeNull();
  });

  it('matches Host patterns as ssh does: globs, ?, negation wins', () => {
    expect(hostMatches(['*.lab', '!db.lab'], 'web.lab')).toBe(true);
    expect(hostMatches(['*.lab', '!db.lab'], 'db.lab')).toBe(false);
    expect(hostMatches(['build-?'], 'build-1')).toBe(true);
    expect(hostMatches(['build-?'], 'build-10')).toBe(false);
    expect(hostMatches(['!x'], 'y')).toBe(false); // a negation alone matches nothing
  });

  it('the first value of a keyword wins; IdentityFile accumulates; Match blocks are skipped', () => {
    const text = [
      'User early',
      'Host build',
      '  HostName %h.example.internal',
      '  IdentityFile ~/.ssh/a',
      'Match user root',
      '  Port 1',
      'Host build *',
      '  User late',
      '  Port 2200',
      '  IdentityFile ~/.ssh/b',
    ].join('\n');
    expect(resolveSshConfig(text, 'build', o)).toEqual({
      hostName: 'build.example.internal',
      user: 'early',
      port: 2200,
      identityFiles: ['/home/me/.ssh/a', '/home/me/.ssh/b'],
    });
    expect(resolveSshConfig(text, 'other', o)).toEqual({
      user: 'early',
      port: 2200,
      identityFiles: ['/home/me/.ssh/b'],
    });
  });

  it('reports ProxyJump / ProxyCommand, and "none" is no proxy', () => {
    expect(resolveSshConfig('Host a\n ProxyJump bastion,inner', 'a', o).proxy).toBe(
      'ProxyJump bastion,inner',
    );
    expect(resolveSshConfig('Host a\n ProxyCommand ssh -W %h:%p b', 'a', o).proxy).toBe(
      'ProxyCommand ssh -W %h:%p b',
    );
    expect(resolveSshConfig('Host a\n ProxyJump none\nHost *\n ProxyJump far', 'a', o).proxy).toBeUndefined();
  });

  it('reads Include files where they stand', () => {
    const files: Record<string, string> = { 'conf.d/*': 'Host a\n  Port 7\n' };
    const r = resolveSshConfig('Include conf.d/*\nHost *\n Port 9', 'a', {
      ...o,
      readInclude: (p) => files[p] ?? '',
    });
    expect(r.port).toBe(7);
  });
});
