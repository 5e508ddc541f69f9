/**
 * The spec's written-out types (lib/spec/types.ts, what the package's declarations use) are
 * exactly the types the zod schema infers: this file does not compile when they drift apart.
 */
import { z } from 'zod';
import { AcceleratorRequestSchema, InferenceSpecSchema } from '../../lib/spec/schema';
import type { AcceleratorRequest, InferenceSpec, InferenceSpecInput } from '../../lib/spec/types';

/** true only when A and B are the same type (not merely assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const outputMatches: Equals<InferenceSpec, z.output<typeof InferenceSpecSchema>> = true;
const inputMatches: Equals<InferenceSpecInput, z.input<typeof InferenceSpecSchema>> = true;
const acceleratorMatches: Equals<AcceleratorRequest, z.output<typeof AcceleratorRequestSchema>> = true;

test('the written-out spec types equal the schema types (checked by tsc)', () => {
  expect([outputMatches, inputMatches, acceleratorMatches]).toEqual([true, true, true]);
});
