import { ApiError, type ApiOutputs, type EndpointName, endpoints, type SolvewatchApi } from './contract.ts';
import { toFieldIssues } from './field-issues.ts';

/**
 * Validates a request against the contract and calls the implementation: the one entry point both
 * transports (HTTP and IPC) use, so neither can pass an unchecked payload to the engine.
 */
export async function dispatch<K extends EndpointName>(
  api: SolvewatchApi,
  name: K,
  rawInput: unknown,
): Promise<ApiOutputs[K]> {
  const parsed = endpoints[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) throw new ApiError(400, `invalid input for ${name}`, toFieldIssues(parsed.error));
  const call = api[name] as (input: unknown) => Promise<ApiOutputs[K]>;
  return call.call(api, parsed.data);
}
