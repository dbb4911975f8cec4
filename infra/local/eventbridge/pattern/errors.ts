/** A pattern EventBridge refuses; `reason` is worded as AWS words it (Event Ruler's messages). */
export class InvalidEventPatternError extends Error {
  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}
