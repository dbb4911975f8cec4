/**
 * The key pairs the local S3 accepts, and nothing else: the runtime's own (the environment
 * in-process handlers get from `localEnvironment` in ../resources.ts) and the tests' (`credentials`
 * in test/support/local.ts). Any region is accepted in the credential scope.
 */
export const ACCEPTED_KEYS: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }> = [
  { accessKeyId: 'local', secretAccessKey: 'local' },
  { accessKeyId: 'test', secretAccessKey: 'test' },
];

export function secretFor(accessKeyId: string): string | undefined {
  return ACCEPTED_KEYS.find((k) => k.accessKeyId === accessKeyId)?.secretAccessKey;
}
