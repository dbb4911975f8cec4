import { AwsError } from '../http/aws-error';
import type { Operation } from '../http/json-rpc';
import { busArn, busNameOf } from './arns';
import type { LocalEventBridge } from './local-eventbridge';
import type { BusRecord } from './records';
import { BUS_NAME_OR_ARN_PATTERN, BUS_NAME_PATTERN, Checks, pageOf } from './validation';

const seconds = (ms: number) => ms / 1000;
/** The `Name` of CreateEventBus and DeleteEventBus. */
const BUS_NAME = { required: true, min: 1, max: 256, pattern: BUS_NAME_PATTERN };

/** CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus. */
export function busOperations(events: LocalEventBridge): Record<string, Operation> {
  const { model } = events;
  const describe = (bus: BusRecord) => ({
    Name: bus.name,
    Arn: busArn(bus.name),
    ...(bus.description ? { Description: bus.description } : {}),
    CreationTime: seconds(bus.createdAt),
    LastModifiedTime: seconds(bus.modifiedAt),
  });

  return {
    CreateEventBus(input) {
      const checks = new Checks();
      const name = checks.string(input, 'Name', BUS_NAME);
      const description = checks.string(input, 'Description', { max: 512 });
      checks.string(input, 'EventSourceName', { min: 1, max: 256 });
      checks.done();
      if (name!.includes('/')) {
        // Names with a slash belong to partner event sources, which the local runtime has none of.
        throw new AwsError('ValidationException', `Event source ${name} does not exist.`);
      }
      const bus = model.createBus(name!, description);
      return { EventBusArn: busArn(bus.name), ...(description ? { Description: description } : {}) };
    },

    DescribeEventBus(input) {
      const checks = new Checks();
      const name = checks.string(input, 'Name', { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN });
      checks.done();
      return describe(model.bus(busNameOf(name)));
    },

    ListEventBuses(input) {
      const checks = new Checks();
      const prefix = checks.string(input, 'NamePrefix', { min: 1, max: 256, pattern: BUS_NAME_PATTERN });
      const buses = model.listBuses().filter((b) => prefix === undefined || b.name.startsWith(prefix));
      const { page, NextToken } = pageOf(buses, input, checks);
      return { EventBuses: page.map(describe), ...(NextToken ? { NextToken } : {}) };
    },

    DeleteEventBus(input) {
      const checks = new Checks();
      const name = checks.string(input, 'Name', BUS_NAME);
      checks.done();
      model.deleteBus(name!);
      return {};
    },
  };
}
