import type { Clock } from '../clock';
import { addressOf } from './mime';
import {
  alreadyExists,
  badRequest,
  decodeToken,
  encodeToken,
  notFound,
  pageSize,
  pairs,
  requiredString,
  type Input,
} from './input';
import type { IdentityRecord } from './records';
import type { SesStore } from './store';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;

/** Email identities, all verified at once (nobody can click a verification link locally). */
export class Identities {
  constructor(
    private readonly store: SesStore,
    private readonly clock: Clock,
    /** The topology's `mailFrom`: always allowed to send. */
    private readonly mailFrom?: string,
  ) {}

  /** Creates `mailFrom`'s identity at start, so that it is listed like on AWS. */
  ensure(name: string): void {
    if (!this.store.identity(name)) this.put(name, []);
  }

  create(input: Input): unknown {
    const name = requiredString(input, 'EmailIdentity');
    if (!EMAIL.test(name) && !DOMAIN.test(name)) throw badRequest(`Invalid email identity: ${name}`);
    if (this.store.identity(name)) throw alreadyExists(`Email identity ${name} already exist.`);
    const identity = this.put(
      name,
      pairs(input, 'Tags', 'Key').map(([Key, Value]) => ({ Key, Value })),
    );
    return { IdentityType: identity.type, VerifiedForSendingStatus: true, DkimAttributes: dkim(identity) };
  }

  get(name: string): unknown {
    const identity = this.require(name);
    return {
      IdentityType: identity.type,
      FeedbackForwardingStatus: true,
      VerifiedForSendingStatus: true,
      VerificationStatus: 'SUCCESS',
      DkimAttributes: dkim(identity),
      Policies: {},
      Tags: identity.tags,
    };
  }

  delete(name: string): unknown {
    this.require(name);
    this.store.deleteIdentity(name);
    return {};
  }

  list(input: Input): unknown {
    const limit = pageSize(input.PageSize, 1000);
    const page = this.store.identities(decodeToken(input.NextToken), limit + 1);
    const more = page.length > limit;
    const shown = page.slice(0, limit);
    return {
      EmailIdentities: shown.map((i) => ({
        IdentityType: i.type,
        IdentityName: i.name,
        SendingEnabled: true,
        VerificationStatus: 'SUCCESS',
      })),
      ...(more ? { NextToken: encodeToken(shown.at(-1)!.name) } : {}),
    };
  }

  /** Whether mail may be sent from `mailbox`: its address or its domain is an identity, or it is `mailFrom`. */
  maySendFrom(mailbox: string): boolean {
    const address = addressOf(mailbox);
    if (this.mailFrom && addressOf(this.mailFrom).toLowerCase() === address.toLowerCase()) return true;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return [address, address.toLowerCase(), domain.toLowerCase()].some((name) => this.store.identity(name));
  }

  private put(name: string, tags: IdentityRecord['tags']): IdentityRecord {
    const identity: IdentityRecord = {
      name,
      type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
      createdAt: this.clock.now(),
      tags,
    };
    this.store.putIdentity(identity);
    return identity;
  }

  private require(name: string): IdentityRecord {
    const identity = this.store.identity(name);
    if (!identity) throw notFound(`Email identity ${name} does not exist.`);
    return identity;
  }
}

/** Domains sign with Easy DKIM (already "verified"); addresses have no DKIM of their own. */
function dkim(identity: IdentityRecord): unknown {
  if (identity.type === 'EMAIL_ADDRESS') {
    return { SigningEnabled: false, Status: 'NOT_STARTED', SigningAttributesOrigin: 'AWS_SES', Tokens: [] };
  }
  const token = Buffer.from(identity.name).toString('hex').slice(0, 32).padEnd(32, '0');
  return {
    SigningEnabled: true,
    Status: 'SUCCESS',
    SigningAttributesOrigin: 'AWS_SES',
    Tokens: [1, 2, 3].map((n) => `${token}${n}`),
  };
}
