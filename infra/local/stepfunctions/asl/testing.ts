import type { Json, JsonObject } from '../../../../workflows/asl';
import type { Scope } from './dataflow';
import { StatesError } from './states-error';

// Shared by the data-flow tests: scopes as the engine builds them, and a way to inspect a rejection.

export const testContext: JsonObject = {
  Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1', Input: {} },
  State: { Name: 'Current', EnteredTime: '2024-05-01T10:00:00Z' },
};

export const jsonPathScope = (input: Json, variables: Record<string, Json> = {}): Scope => ({
  input,
  context: testContext,
  variables,
  queryLanguage: 'JSONPath',
});

export const jsonataScope = (input: Json, variables: Record<string, Json> = {}): Scope => ({
  input,
  context: testContext,
  variables,
  queryLanguage: 'JSONata',
});

/**
 * The StatesError a call throws or rejects with (data-flow functions answer JSONPath synchronously
 * and JSONata with a promise); fails the test if it succeeds or fails with something else.
 */
export async function statesError(call: () => unknown): Promise<StatesError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}
