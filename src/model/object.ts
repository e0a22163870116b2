/** A plain object: not null, not an array. JSON from servers and policies is checked with it before its fields are read. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
