// zod schemas for every channel's request: the one place both transports (Electron IPC
// and the WebSocket bridge) validate what the renderer sends. Data only, no I/O.
import { z } from 'zod';
import type { ErrorValue } from '../engine/errors';
import { CHANNELS, type ChannelName, type EventName, type Req } from './channels';
import { EVENT_NAMES } from './wire';

const empty = z.object({}).strict();
const id = z.string().min(1).max(200);
const name = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, "-", "_" or "." only');
const imageName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./:-]*$/, 'an image name');
const knobValue = z.union([z.number().finite(), z.string().max(1000), z.boolean()], {
  error: 'expected a number, a string or a boolean',
});

export const faultKindSchema = z.enum([
  'kill',
  'stop',
  'start',
  'restart',
  'pause',
  'unpause',
  'partition',
  'heal',
  'point',
  'latency',
  'bandwidth',
  'timeout',
  'reset',
]);

export const faultRequestSchema = z
  .object({
    kind: faultKindSchema,
    target: name,
    peer: name.optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    jitterMs: z.number().int().min(0).max(60_000).optional(),
    rateKBps: z.number().int().min(1).max(1_000_000).optional(),
    afterMs: z.number().int().min(0).max(600_000).optional(),
    durationMs: z.number().int().min(0).max(3_600_000).optional(),
    point: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/)
      .optional(),
    then: z.enum(['kill', 'stop', 'pause', 'release']).optional(),
    timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
  })
  .strict();

/** One schema per channel; `satisfies` keeps each in step with the contract's Req type. */
export const requestSchemas = {
  'engine:status': empty,
  'scenarios:list': empty,
  'images:build': z.object({ names: z.array(imageName).max(100).optional() }).strict(),
  'runs:start': z.object({ scenario: name, params: z.record(z.string().max(100), knobValue) }).strict(),
  'runs:fault': z.object({ runId: id, fault: faultRequestSchema }).strict(),
  'runs:control': z
    .object({
      runId: id,
      paused: z.boolean().optional(),
      rate: z.number().finite().min(0).max(100_000).optional(),
    })
    .strict(),
  'runs:stop': z.object({ runId: id }).strict(),
  'runs:list': empty,
  'runs:get': z.object({ runId: id }).strict(),
  'runs:export': z.object({ runId: id, format: z.enum(['html', 'json', 'csv', 'pdf']) }).strict(),
  'containers:logs': z
    .object({ runId: id, name, tail: z.number().int().min(1).max(10_000).optional() })
    .strict(),
} satisfies { [K in ChannelName]: z.ZodType<unknown> };

// Compile-time check that every schema's output is assignable to the contract's request.
type SchemaOut = { [K in ChannelName]: z.output<(typeof requestSchemas)[K]> };
type Mismatched = { [K in ChannelName]: [SchemaOut[K]] extends [Req<K>] ? never : K }[ChannelName];
type AllMatch = [Mismatched] extends [never] ? true : Mismatched;
const _schemasMatchContract: AllMatch = true;
void _schemasMatchContract;

export function isEventName(v: unknown): v is EventName {
  return typeof v === 'string' && (EVENT_NAMES as readonly string[]).includes(v);
}

export function isChannelName(v: unknown): v is ChannelName {
  return typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
}

/** Validates a request; on failure the message names the channel and the offending field. */
export function parseRequest<K extends ChannelName>(channel: K, req: unknown): { ok: Req<K> } | ErrorValue {
  const schema = requestSchemas[channel] as z.ZodType<unknown>;
  const r = schema.safeParse(req ?? {});
  if (r.success) return { ok: r.data as Req<K> };
  return {
    error: { code: 'BAD_REQUEST', message: `${channel}: ${describeIssues(r.error.issues)}`, definite: true },
  };
}

/** A request whose channel is not in the contract. */
export function unknownChannel(channel: unknown): ErrorValue {
  const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 60)) : typeof channel;
  return { error: { code: 'BAD_REQUEST', message: `unknown channel ${shown}`, definite: true } };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      if (i.code === 'unrecognized_keys') {
        return i.keys
          .map((k) => `field "${[...i.path.map(String), k].join('.')}": not part of this request`)
          .join('; ');
      }
      const field = i.path.length ? i.path.map(String).join('.') : '(request)';
      return `field "${field}": ${i.message}`;
    })
    .join('; ');
}
