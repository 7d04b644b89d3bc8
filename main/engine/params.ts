// Turns user input (`--set key=value`, UI forms, scenario files) into a scenario's params.
import type { KnobSpec, Params, KnobValue } from './scenario';
import { LabError } from './errors';

export function describeKnob(k: KnobSpec): string {
  switch (k.kind) {
    case 'int':
      return `${k.name}: an integer from ${k.min} to ${k.max} (default ${k.default})`;
    case 'enum':
      return `${k.name}: one of ${k.values.join(' | ')} (default ${k.default})`;
    case 'bool':
      return `${k.name}: true | false (default ${k.default})`;
  }
}

export function resolveParams(scenarioId: string, knobs: KnobSpec[], raw: Record<string, unknown>): Params {
  const out: Params = {};
  const known = new Map(knobs.map((k) => [k.name, k]));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      throw new LabError(
        'PARAM_INVALID',
        `${scenarioId} has no knob '${key}'. Knobs: ${knobs.map((k) => k.name).join(', ') || '(none)'}`,
      );
    }
  }
  for (const k of knobs) {
    const v = raw[k.name];
    out[k.name] = v === undefined ? k.default : coerce(k, v);
  }
  return out;
}

function coerce(k: KnobSpec, v: unknown): KnobValue {
  const bad = () => new LabError('PARAM_INVALID', `bad value ${JSON.stringify(v)} for ${describeKnob(k)}`);
  switch (k.kind) {
    case 'int': {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < k.min || n > k.max) throw bad();
      return n;
    }
    case 'enum': {
      if (typeof v !== 'string' || !k.values.includes(v)) throw bad();
      return v;
    }
    case 'bool': {
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'on' || v === '1') return true;
      if (v === 'false' || v === 'off' || v === '0') return false;
      throw bad();
    }
  }
}

/** Parses `key=value` pairs from the command line. */
export function parseSetArgs(sets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const i = s.indexOf('=');
    if (i <= 0) throw new LabError('PARAM_INVALID', `--set expects key=value, got '${s}'`);
    out[s.slice(0, i).trim()] = s.slice(i + 1).trim();
  }
  return out;
}
