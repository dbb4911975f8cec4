import type { Clock } from '../clock';
import { FaultSwitch, type FaultSetting, type FaultState } from './faults';
import { sha256Hex } from './ids';
import { encodeIpn, ipnFields, type IpnInput } from './paypal-ipn';
import type { IssuedIpn, SimulatorStore } from './store';

/** What the listener must post back before the message: PayPal's validation command. */
export const NOTIFY_VALIDATE = 'cmd=_notify-validate&';

/**
 * PayPal's IPN, locally: `issue` makes the message PayPal would post to the webhook and
 * remembers it; `verify` answers the listener's postback like PayPal's `/cgi-bin/webscr`:
 * VERIFIED for `cmd=_notify-validate&` followed by an issued message byte for byte, INVALID for
 * anything else. The fault switch acts on the HTTP postback endpoint only.
 */
export class PayPalSimulator {
  private readonly faultSwitch = new FaultSwitch();

  constructor(
    private readonly store: SimulatorStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Issues an IPN message from `fields` (defaults for every variable PayPal always sends) and
   * records it durably before answering. A 400 `SimulatorError` names every invalid variable.
   */
  issue(fields: IpnInput): { body: string; txnId: string } {
    const now = this.clock.now();
    const all = ipnFields(fields, now);
    const body = encodeIpn(all);
    const value = (name: string) => all.find(([field]) => field === name)![1];
    const txnId = value('txn_id');
    this.store.putMessage({ txnId, ipnTrackId: value('ipn_track_id'), issuedAt: now, body }, sha256Hex(body));
    this.store.commit();
    return { body, txnId };
  }

  /** PayPal's answer to a postback: the raw request body the listener sent. */
  verify(postback: string | Buffer): 'VERIFIED' | 'INVALID' {
    const text = Buffer.isBuffer(postback) ? postback : Buffer.from(postback, 'utf8');
    const prefix = Buffer.from(NOTIFY_VALIDATE);
    if (text.length <= prefix.length || !text.subarray(0, prefix.length).equals(prefix)) return 'INVALID';
    const message = text.subarray(prefix.length);
    const issued = this.store.messageBody(sha256Hex(message));
    return issued !== undefined && Buffer.from(issued, 'utf8').equals(message) ? 'VERIFIED' : 'INVALID';
  }

  /** The messages issued, newest first; only those of one transaction when `txnId` is given. */
  messages(txnId?: string): IssuedIpn[] {
    return this.store.messages(txnId);
  }

  /** Sets the postback endpoint's fault (see `FaultSetting`), or reads it without an argument. */
  faults(setting?: FaultSetting): FaultState {
    return setting === undefined ? this.faultSwitch.state() : this.faultSwitch.set(setting);
  }

  /** For the HTTP endpoint: the fault the next postback call gets, if PayPal is down. */
  takeFault(): { status: number; drop: boolean } | undefined {
    return this.faultSwitch.take();
  }
}
