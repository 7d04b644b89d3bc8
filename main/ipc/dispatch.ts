// One request through the contract, for both transports: validate, call the service,
// turn anything thrown into an error value. Never throws. No electron import.
import type { ChannelName, Result } from '../contract/channels';
import type { LabService } from '../contract/service';
import { isChannelName, parseRequest, unknownChannel } from '../contract/schemas';
import { toErrorValue } from '../engine/errors';

export async function dispatch(
  service: LabService,
  channel: unknown,
  req: unknown,
): Promise<Result<ChannelName>> {
  if (!isChannelName(channel)) return unknownChannel(channel);
  return dispatchChannel(service, channel, req);
}

export async function dispatchChannel<K extends ChannelName>(
  service: LabService,
  channel: K,
  req: unknown,
): Promise<Result<K>> {
  const parsed = parseRequest(channel, req);
  if (!('ok' in parsed)) return parsed;
  try {
    return { ok: await service.handle(channel, parsed.ok) };
  } catch (e) {
    return toErrorValue(e);
  }
}
