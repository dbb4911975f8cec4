/** MediaConvert's structured log: fields first, then the message (submitted, phases, progress, outcome). */
export type JobLog = (fields: Record<string, unknown>, message: string) => void;

/** One JSON object per line, e.g. for `npm start`'s console. */
export function jsonLinesJobLog(write: (line: string) => void, now: () => number = Date.now): JobLog {
  return (fields, message) =>
    write(
      `${JSON.stringify({ time: new Date(now()).toISOString(), service: 'mediaconvert', message, ...fields })}\n`,
    );
}
