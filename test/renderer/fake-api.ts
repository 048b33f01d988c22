import { ApiError, type SolvewatchApi } from '../../src-main/api/contract.ts';

/**
 * An in-memory `SolvewatchApi` for the few cases a real server cannot stage on demand (a build
 * without the demo). Methods not given reject like an unknown endpoint would.
 */
export function fakeApi(methods: Partial<SolvewatchApi>): SolvewatchApi {
  return new Proxy(methods as SolvewatchApi, {
    get(target, name: string) {
      if (name in target) return target[name as keyof SolvewatchApi];
      if (name === 'subscribe') return () => () => {};
      return () => Promise.reject(new ApiError(404, `${name} is not part of this fake`));
    },
  });
}
