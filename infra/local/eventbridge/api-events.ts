import type { Operation } from '../http/json-rpc';
import type { EventEntry } from './entries';
import type { LocalEventBridge } from './local-eventbridge';
import { BUS_NAME_OR_ARN_PATTERN, camel, Checks, type Input } from './validation';

/** PutEvents (the endpoint commits the events and their deliveries before it answers). */
export function eventOperations(events: LocalEventBridge): Record<string, Operation> {
  return {
    PutEvents(input) {
      const checks = new Checks();
      const items = checks.list(input, 'Entries', { required: true, min: 1 }) ?? [];
      const entries = items.map((item, i): EventEntry => {
        const at = `entries.${i + 1}.member`;
        const entry = (item ?? {}) as Input;
        const text = (member: string, rule: Parameters<Checks['string']>[2] = {}) =>
          checks.string(entry, member, rule, `${at}.${camel(member)}`);
        const resources = checks.list(entry, 'Resources', {}, `${at}.resources`);
        const time = checks.timestamp(entry, 'Time', false, `${at}.time`);
        text('TraceHeader', { min: 1, max: 500 });
        return {
          Source: text('Source'),
          DetailType: text('DetailType'),
          Detail: text('Detail'),
          EventBusName: text('EventBusName', { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN }),
          ...(resources ? { Resources: resources.map(String) } : {}),
          ...(time !== undefined ? { Time: time } : {}),
        };
      });
      checks.done();
      return events.accept(entries, false);
    },
  };
}
