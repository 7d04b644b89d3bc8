// Fuzzing the lab's front door, reproducibly (seeded PRNG): at least 1,000 malformed
// experiment files (mutations of the examples: wrong types, missing keys, unknown kinds and
// keys, bad YAML/JSON, huge numbers, deep nesting, out-of-range values, wrong targets) fed
// to validate in process, and random command lines fed to the CLI's argument parsing. Each
// must end in a LabError with a code (or be accepted); nothing may throw anything else.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { validateScenarioText } from '../engine/scenario-file/load';
import { ScenarioFileError } from '../engine/scenario-file/issues';
import { LabError } from '../engine/errors';
import { parseCli } from './args';
import { parseCompareArgv } from './commands/compare-command';

const SEED = 0x5eed_c4a0;
const FILE_CASES = 1500;
const ARG_CASES = 1500;

/** mulberry32: small, fast, good enough, and the same everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const examplesDir = path.resolve(__dirname, '../../examples');
const SEEDS: { name: string; text: string }[] = [
  ...fs
    .readdirSync(examplesDir)
    .filter((n) => /\.ya?ml$/.test(n))
    .map((n) => ({ name: n, text: fs.readFileSync(path.join(examplesDir, n), 'utf8') })),
  {
    name: 'reference.yaml',
    text: `scenario: split-stores
params: {instances: 3, storeMode: file, orders: 8}
faults:
  - {at: 300, kind: pause, target: order-3, durationMs: 1000}
steadyState:
  probes: [{kind: stores-reachable}, {kind: stores-respond-within, maxMs: 300}]
rollbacks: [{kind: unpause, target: order-3}]
`,
  },
];

function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
function get(v: Json, p: Path): Json {
  return p.reduce<Json>((o, k) => (o as Record<string, Json>)[k as string], v);
}
function set(v: Json, p: Path, x: Json): Json {
  if (!p.length) return x;
  const parent = get(v, p.slice(0, -1)) as Record<string | number, Json>;
  parent[p[p.length - 1]] = x;
  return v;
}
function remove(v: Json, p: Path): void {
  const parent = get(v, p.slice(0, -1));
  const k = p[p.length - 1];
  if (Array.isArray(parent)) parent.splice(k as number, 1);
  else delete (parent as Record<string, Json>)[k as string];
}
const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

/** A value of another type than `v` that no field accepts in its place. */
function otherType(r: Rng, v: Json): Json {
  const options: Json[] = [];
  if (typeof v !== 'string') options.push('not-a-' + r.pick(['number', 'list', 'thing']));
  if (typeof v !== 'number') options.push(r.pick([7, -3, 0.5, 1e9]));
  if (typeof v !== 'boolean') options.push(r.pick([true, false]));
  if (v !== null) options.push(null);
  if (!Array.isArray(v)) options.push([1, 'two']);
  if (!(v && typeof v === 'object' && !Array.isArray(v))) options.push({ unexpected: { nested: 1 } });
  return r.pick(options);
}

// Keys the format requires, where present in a seed (deleting one must be rejected).
const REQUIRED = [
  /^services$/,
  /^services\.order(\.(instances|store))?$/,
  /^loadBalancer(\.kind)?$/,
  /^workload(\.(orders|reads|intervalMs))?$/,
  /^checks$/,
  /^faults\.\d+\.(at|kind|target)$/,
  /^steadyState\.probes(\.\d+\.kind)?$/,
  /^steadyState\.probes\.\d+\.maxMs$/,
  /^rollbacks\.\d+\.(kind|target)$/,
  /^expected\.(valid|anomalies)$/,
  /^probes\.storeSampleMs$/,
  /^scenario$/,
];
const ENUMS = [
  /\.kind$/,
  /^services\.order\.store$/,
  /^checks\.\d+$/,
  /^checks\.\d+\.name$/,
  /^scenario$/,
  /^loadBalancer\.balance$/,
];
const NUMBERS =
  /(^|\.)(at|durationMs|instances|orders|reads|intervalMs|readsFromMs|storeSampleMs|quiesceMs|settleMs|maxMs|seed|users)$/;
const TARGETS = /\.(target|peer)$/;

interface Case {
  kind: string;
  file: string;
  text: string;
  /** True when the mutation is invalid by construction. */
  mustFail: boolean;
}

function deep(r: Rng, depth: number): Json {
  let v: Json = r.pick(['x', 1, true] as Json[]);
  for (let i = 0; i < depth; i++) v = r.next() < 0.5 ? [v] : { k: v };
  return v;
}

/** Deeply nested raw text: flow brackets, flow maps, or block indicators on one line. */
function deepText(r: Rng, depth: number): string {
  switch (r.int(3)) {
    case 0:
      return '['.repeat(depth) + '1' + ']'.repeat(depth);
    case 1: {
      const open = Array.from({ length: depth }, () => (r.next() < 0.5 ? '[' : '{a: '));
      return (
        open.join('') +
        '1' +
        open
          .reverse()
          .map((o) => (o === '[' ? ']' : '}'))
          .join('')
      );
    }
    default:
      return '\n  ' + '- '.repeat(depth) + '1';
  }
}

function mutate(r: Rng, i: number): Case {
  const seed = r.pick(SEEDS);
  const data = parseYaml(seed.text) as Json;
  const all = paths(data).filter((p) => p.length > 0);
  const dotted = (p: Path) => p.join('.');
  const asJson = r.next() < 0.3;
  const file = `fuzz-${i}-${seed.name.replace(/\.ya?ml$/, '')}.${asJson ? 'json' : 'yaml'}`;
  const emit = (v: Json) => (asJson ? JSON.stringify(v, null, r.pick([0, 2, '\t'] as const)) : toYaml(v));
  const kinds = [
    'type',
    'missing',
    'enum',
    'unknown-key',
    'huge',
    'range',
    'deep',
    'deep-text',
    'target',
    'syntax',
    'noise',
    'garbage',
    'top',
  ] as const;
  const kind = r.pick(kinds);
  const d = clone(data);
  switch (kind) {
    case 'type': {
      const p = r.pick(all);
      return { kind, file, text: emit(set(d, p, otherType(r, get(d, p)))), mustFail: true };
    }
    case 'missing': {
      const req = all.filter((p) => REQUIRED.some((re) => re.test(dotted(p))));
      remove(d, r.pick(req));
      return { kind, file, text: emit(d), mustFail: true };
    }
    case 'enum': {
      const p = r.pick(
        all.filter((q) => ENUMS.some((re) => re.test(dotted(q))) && typeof get(d, q) === 'string'),
      );
      return {
        kind,
        file,
        text: emit(
          set(
            d,
            p,
            r.pick(['explode', 'Kill', 'latency', 'disk', 'nginx', '', 'split_data', 'kill ']) +
              (r.next() < 0.5 ? '' : String(r.int(99))),
          ),
        ),
        mustFail: true,
      };
    }
    case 'unknown-key': {
      const objs = paths(d).filter((p) => {
        const v = get(d, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const p = r.pick(objs);
      (get(d, p) as Record<string, Json>)[
        r.pick(['replicas', 'Faults', 'timeout', 'x-extra', 'durationMS', '<<'])
      ] = r.pick([1, 'a', true] as Json[]);
      return { kind, file, text: emit(d), mustFail: true };
    }
    case 'huge': {
      const p = r.pick(all.filter((q) => NUMBERS.test(dotted(q)) && typeof get(d, q) === 'number'));
      if (asJson)
        return {
          kind,
          file,
          text: emit(set(d, p, r.pick([1e308, 2 ** 53 + 2, -1e20, 1e21, 123456789012]))),
          mustFail: true,
        };
      // YAML also has .inf, .nan and numbers too long for a double.
      const marker = `__HUGE_${i}__`;
      return {
        kind,
        file,
        text: emit(set(d, p, marker)).replace(
          marker,
          r.pick(['.inf', '-.inf', '.nan', '1e400', '9'.repeat(400), '0x7fffffffffffffff', '1e308']),
        ),
        mustFail: true,
      };
    }
    case 'range': {
      const p = r.pick(
        all.filter(
          (q) => NUMBERS.test(dotted(q)) && typeof get(d, q) === 'number' && !/(^|\.)seed$/.test(dotted(q)),
        ),
      );
      return {
        kind,
        file,
        text: emit(set(d, p, r.pick([-1, -500, 0.5, 3_600_001, 99_999_999]))),
        mustFail: true,
      };
    }
    case 'deep': {
      const p = r.pick(all);
      return { kind, file, text: emit(set(d, p, deep(r, 33 + r.int(200)))), mustFail: true };
    }
    case 'deep-text': {
      const depth = r.pick([40, 500, 5_000, 50_000]);
      return {
        kind,
        file: file.replace(/\.json$/, '.yaml'),
        text: `faults: ${deepText(r, depth)}\n`,
        mustFail: true,
      };
    }
    case 'target': {
      const p = all.filter((q) => TARGETS.test(dotted(q)));
      if (!p.length) {
        (d as Record<string, Json>).faults = [{ at: 100, kind: 'kill', target: 'order-9' }];
        return { kind, file, text: emit(d), mustFail: true };
      }
      return {
        kind,
        file,
        text: emit(set(d, r.pick(p), r.pick(['order-9', 'db', 'lb2', 'ORDER-1', 'order-0']))),
        mustFail: true,
      };
    }
    case 'syntax': {
      const t = seed.text;
      const lines = t.split('\n');
      const at = r.int(lines.length);
      const broken = r.pick([
        () => lines.map((l, j) => (j === at && l.startsWith('  ') ? '\t' + l.trimStart() : l)), // tab indentation
        () => lines.map((l, j) => (j === at ? l + ' "unterminated' : l)),
        () => lines.map((l, j) => (j === at ? l + ' [1, 2' : l)),
        () => lines.map((l, j) => (j === at ? l + ': : :' : l)),
        () => [...lines, 'services: {}'], // a duplicate key
        () => [...lines, '  bad: indentation', '-list after map'],
        () => lines.map((l, j) => (j === at ? '*undefinedAlias' : l)),
        () => lines.map((l, j) => (j === at ? '{' + l : l)),
      ])();
      return { kind, file: file.replace(/\.json$/, '.yaml'), text: broken.join('\n'), mustFail: false };
    }
    case 'noise': {
      // Random characters in random places, in the YAML or its JSON form: often invalid.
      let t = emit(d);
      for (let k = 0; k < 1 + r.int(4); k++) {
        const pos = r.int(t.length + 1);
        const what = r.pick([
          ':',
          '{',
          '}',
          '[',
          ']',
          '"',
          "'",
          '&',
          '*',
          '!',
          '|',
          '>',
          '%',
          '@',
          '`',
          '\t',
          '\n',
          '#',
          '-',
          ',',
          '\u0000',
          '\uFFFE',
          '\uD800',
        ]);
        t =
          r.next() < 0.2 ? t.slice(0, pos) : t.slice(0, pos) + what + t.slice(pos + (r.next() < 0.3 ? 1 : 0));
      }
      return { kind, file, text: t, mustFail: false };
    }
    case 'garbage': {
      const n = r.int(2000);
      const text = r.pick([
        () => Array.from({ length: n }, () => String.fromCharCode(r.int(256))).join(''),
        () => Buffer.from(Array.from({ length: n }, () => r.int(256))).toString('utf8'),
        () => 'a'.repeat(300 * 1024), // larger than the limit
        () => '',
        () => '   \n\t\n',
        () => '&a [*a, *a, *a]\n'.repeat(3),
        () =>
          'x: &a [1,2,3,4,5,6,7,8,9]\n' +
          Array.from(
            { length: 9 },
            (_, k) =>
              `y${k}: &b${k} [*${k ? `b${k - 1}` : 'a'}, *${k ? `b${k - 1}` : 'a'}, *${k ? `b${k - 1}` : 'a'}, *${k ? `b${k - 1}` : 'a'}]`,
          ).join('\n'),
      ])();
      return { kind, file, text, mustFail: true };
    }
    case 'top': {
      return {
        kind,
        file,
        text: emit(r.pick([[], [d], 'split-stores', 42, null, true] as Json[])),
        mustFail: true,
      };
    }
  }
}

const TOKENS = {
  commands: [
    'run',
    'validate',
    'list',
    'report',
    'images',
    'build',
    'doctor',
    'cleanup',
    'engine',
    'ensure',
    'serve',
    'compare',
    'explode',
    'RUN',
    '',
  ],
  options: [
    '--set',
    '--out',
    '--seed',
    '--fault',
    '--junit',
    '--json',
    '--quiet',
    '-q',
    '--all',
    '--port',
    '--fake',
    '--bogus',
    '-x',
    '--',
    '-',
    '--set=',
    '--seed=12',
    '--json=1',
    '--no-json',
    '-qq',
    '-h',
  ],
  values: [
    'orders=9',
    'instances=abc',
    '=5',
    'a=b=c',
    '',
    ' ',
    'kill:order-2@100+200',
    'kill:order-2@after-x',
    'explode:lb',
    'kill:',
    'pause:lb@99999999999',
    'kill:order-1+0',
    'examples/split-stores.yaml',
    'split-stores',
    '../../etc/passwd',
    '-1',
    '1e9',
    '99999999999999999999',
    '0x10',
    'NaN',
    '日本語',
    '\u0000',
    'x'.repeat(5000),
    '--out',
    'a\nb',
  ],
};

function randomArgv(r: Rng): string[] {
  const argv: string[] = [];
  if (r.next() < 0.9) argv.push(r.pick(TOKENS.commands));
  const n = r.int(7);
  for (let k = 0; k < n; k++) {
    const roll = r.next();
    if (roll < 0.45) argv.push(r.pick(TOKENS.options));
    else if (roll < 0.9) argv.push(r.pick(TOKENS.values));
    else argv.push(Array.from({ length: r.int(12) }, () => String.fromCharCode(32 + r.int(95))).join(''));
  }
  // --help/-h accepts anything: keep it rare so the parser's checks are exercised.
  return r.next() < 0.95 ? argv.filter((a) => a !== '-h') : argv;
}

/** As main.ts does: `compare` has its own parser, everything else goes through parseCli. */
function parseCommandLine(argv: string[]): unknown {
  return argv[0] === 'compare' ? parseCompareArgv(argv.slice(1)) : parseCli(argv);
}

describe(`fuzzing (seed ${SEED.toString(16)})`, () => {
  it(
    `${FILE_CASES} mutated experiment files: each a LabError with a code (or valid), never anything else`,
    { timeout: 60_000 },
    () => {
      const r = prng(SEED);
      const stats = { rejected: 0, valid: 0, crashes: 0, withLine: 0 };
      const byKind: Record<string, { n: number; rejected: number; ms: number }> = {};
      const crashes: string[] = [];
      const mustFailButPassed: string[] = [];
      const t0 = performance.now();
      for (let i = 0; i < FILE_CASES; i++) {
        const c = mutate(r, i);
        const k = (byKind[c.kind] ??= { n: 0, rejected: 0, ms: 0 });
        k.n++;
        const c0 = performance.now();
        try {
          validateScenarioText(c.text, c.file);
          stats.valid++;
          if (c.mustFail) mustFailButPassed.push(`${c.kind} ${c.file}:\n${c.text.slice(0, 400)}`);
        } catch (e) {
          if (e instanceof LabError && e.code && e.message) {
            stats.rejected++;
            k.rejected++;
            if (e instanceof ScenarioFileError) {
              // Every issue names the file and says something; most name a line.
              for (const is of e.issues)
                expect(is.file === c.file && is.message.length > 0, JSON.stringify(is)).toBe(true);
              if (e.issues.every((is) => is.line !== undefined)) stats.withLine++;
            }
          } else {
            stats.crashes++;
            crashes.push(
              `${c.kind} ${c.file}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
            );
          }
        } finally {
          k.ms += performance.now() - c0;
        }
      }
      const ms = Math.round(performance.now() - t0);
      console.log(
        `fuzz files: ${FILE_CASES} generated, ${stats.rejected} rejected with a LabError (${stats.withLine} naming a line), ${stats.valid} still valid, ${stats.crashes} crashes, ${ms} ms\n` +
          Object.entries(byKind)
            .map(([kind, v]) => `  ${kind.padEnd(12)} ${v.rejected}/${v.n} rejected (${Math.round(v.ms)} ms)`)
            .join('\n'),
      );
      expect(crashes).toEqual([]);
      expect(mustFailButPassed).toEqual([]);
      expect(stats.rejected).toBeGreaterThanOrEqual(1000);
    },
  );

  it(`${ARG_CASES} random command lines: each parsed or a LabError with a code, never anything else`, () => {
    const r = prng(SEED ^ 0xa5a5);
    let rejected = 0;
    let accepted = 0;
    const crashes: string[] = [];
    for (let i = 0; i < ARG_CASES; i++) {
      const argv = randomArgv(r);
      try {
        parseCommandLine(argv);
        accepted++;
      } catch (e) {
        if (e instanceof LabError && e.code && e.message) rejected++;
        else
          crashes.push(
            `${JSON.stringify(argv)}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          );
      }
    }
    console.log(
      `fuzz argv: ${ARG_CASES} generated, ${rejected} rejected with a LabError, ${accepted} accepted, ${crashes.length} crashes`,
    );
    expect(crashes).toEqual([]);
    expect(rejected).toBeGreaterThan(ARG_CASES / 2);
  });
});
