/** One EventBridge bus per `BusSpec`, with an archive of every event when the spec keeps them. */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { BusSpec } from '../topology';

export interface BusesProps {
  specs: BusSpec[];
}

/** The topology's buses, by name. */
export class Buses extends Construct {
  readonly byName: ReadonlyMap<string, events.EventBus>;

  constructor(scope: Construct, id: string, props: BusesProps) {
    super(scope, id);
    this.byName = new Map(props.specs.map((spec) => [spec.name, this.create(spec)]));
  }

  private create(spec: BusSpec): events.EventBus {
    const bus = new events.EventBus(this, spec.name);
    if (spec.archiveRetentionDays !== undefined) {
      bus.archive(`${spec.name}Archive`, {
        description: `Every event on the ${spec.name} bus, for replay`,
        // An archive needs a pattern; every event on the bus comes from this account.
        eventPattern: { account: [Stack.of(this).account] },
        // 0 keeps events forever, which CloudFormation spells as no retention.
        retention: spec.archiveRetentionDays > 0 ? Duration.days(spec.archiveRetentionDays) : undefined,
      });
    }
    return bus;
  }
}
