/** The topology cannot be turned into a stack; the message says which entry and why. */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}
