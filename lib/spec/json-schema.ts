/** The spec's JSON Schema, behind a declaration that does not mention zod (see types.ts). */
import { specJsonSchema as fromZod } from './schema';

/** The spec's JSON Schema (input side: defaults are optional), for editors; committed as schema/inferstack.schema.json. */
export function specJsonSchema(): Record<string, unknown> {
  return fromZod();
}
