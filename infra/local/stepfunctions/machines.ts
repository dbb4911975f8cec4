import { createHash } from 'node:crypto';
import type { Definition, JsonObject } from '../../../workflows/asl';
import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import { stateMachineArn } from './arns';
import { invalidDefinitionMessage, validateDefinition } from './asl/validate';
import type { StateMachineRecord, StateMachineType } from './records';
import type { StepFunctionsStore } from './store';

export interface MachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type: StateMachineType;
  description?: string;
  loggingConfiguration?: JsonObject;
  tracingConfiguration?: JsonObject;
}

/** State machines and their definition revisions. */
export class StateMachines {
  private readonly byArn = new Map<string, StateMachineRecord>();
  private readonly parsed = new Map<string, { definition: Definition; roleArn: string }>();

  constructor(
    private readonly store: StepFunctionsStore,
    private readonly clock: Clock,
  ) {
    for (const machine of store.stateMachines()) this.byArn.set(machine.arn, machine);
  }

  list(): StateMachineRecord[] {
    return [...this.byArn.values()].sort(
      (a, b) => a.creationDate - b.creationDate || a.name.localeCompare(b.name),
    );
  }

  get(arn: string): StateMachineRecord | undefined {
    return this.byArn.get(arn);
  }

  /** Creates a machine; the same name, definition and role again returns the existing one, as AWS does. */
  create(input: MachineInput): StateMachineRecord {
    const arn = stateMachineArn(input.name);
    const revisionId = this.revise(arn, input.definition, input.roleArn);
    const existing = this.byArn.get(arn);
    if (existing) {
      if (existing.revisionId === revisionId && existing.type === input.type) return existing;
      throw new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const machine: StateMachineRecord = {
      arn,
      name: input.name,
      type: input.type,
      roleArn: input.roleArn,
      revisionId,
      creationDate: this.clock.now(),
      ...(input.description ? { description: input.description } : {}),
      ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
      ...(input.tracingConfiguration ? { tracingConfiguration: input.tracingConfiguration } : {}),
    };
    this.byArn.set(arn, machine);
    this.store.putStateMachine(machine);
    return machine;
  }

  update(
    machine: StateMachineRecord,
    change: Partial<
      Pick<MachineInput, 'definition' | 'roleArn' | 'loggingConfiguration' | 'tracingConfiguration'>
    >,
  ): StateMachineRecord {
    const current = this.definitionText(machine.revisionId);
    const roleArn = change.roleArn ?? machine.roleArn;
    machine.revisionId = this.revise(machine.arn, change.definition ?? current, roleArn);
    machine.roleArn = roleArn;
    if (change.loggingConfiguration) machine.loggingConfiguration = change.loggingConfiguration;
    if (change.tracingConfiguration) machine.tracingConfiguration = change.tracingConfiguration;
    machine.updateDate = this.clock.now();
    this.store.putStateMachine(machine);
    return machine;
  }

  delete(arn: string): void {
    this.byArn.delete(arn);
    this.store.deleteStateMachine(arn);
  }

  /** The definition (parsed) and role of a revision, for the engine. */
  revision(revisionId: string): { definition: Definition; roleArn: string } {
    let found = this.parsed.get(revisionId);
    if (!found) {
      const revision = this.store.revision(revisionId);
      if (!revision) throw new Error(`Unknown state machine revision ${revisionId}`);
      found = { definition: JSON.parse(revision.definition) as Definition, roleArn: revision.roleArn };
      this.parsed.set(revisionId, found);
    }
    return found;
  }

  definitionText(revisionId: string): string {
    return this.store.revision(revisionId)!.definition;
  }

  /** Validates the definition and stores it as a revision; the id is a hash, so equal content shares one. */
  private revise(arn: string, definition: string, roleArn: string): string {
    const diagnostics = validateDefinition(definition).filter((d) => d.severity === 'ERROR');
    if (diagnostics.length) throw new AwsError('InvalidDefinition', invalidDefinitionMessage(diagnostics));
    const revisionId = createHash('sha256')
      .update(`${arn}\n${roleArn}\n${definition}`)
      .digest('hex')
      .slice(0, 32);
    this.store.putRevision({ revisionId, stateMachineArn: arn, definition, roleArn });
    return revisionId;
  }
}
