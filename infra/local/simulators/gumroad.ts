import type { Clock } from '../clock';
import { FaultSwitch, type FaultSetting, type FaultState } from './faults';
import { apiSale, newSale, pingBody, type SaleInput } from './gumroad-sale';
import { SimulatorError } from './http';
import type { SimulatorStore } from './store';

/**
 * Gumroad, locally: `issue` makes a sale and the ping Gumroad would post to the webhook,
 * `refund` and `dispute` mark it and make their pings, and `sale` answers like Gumroad's
 * `GET /v2/sales/:id`, the lookup that verifies a ping. The fault switch acts on the HTTP
 * lookup endpoint only.
 */
export class GumroadSimulator {
  private readonly faultSwitch = new FaultSwitch();

  constructor(
    private readonly store: SimulatorStore,
    private readonly clock: Clock,
  ) {}

  /** Issues a sale, durably; a 400 `SimulatorError` names every invalid field, a 409 a reused `sale_id`. */
  issue(input: SaleInput): { body: string; saleId: string } {
    const sale = newSale(input, this.clock.now());
    if (this.store.sale(sale.id)) throw new SimulatorError(409, `The sale ${sale.id} was issued already`);
    this.store.putSale(sale);
    this.store.commit();
    return { body: pingBody(sale, 'sale'), saleId: sale.id };
  }

  /** Refunds an issued sale, durably; a 404 for an unknown sale, a 409 for one refunded already. */
  refund(saleId: string): { body: string; saleId: string } {
    return this.mark(saleId, 'refunded', 'refund');
  }

  /** Records a chargeback on an issued sale, durably; a 404 for an unknown sale, a 409 for one disputed already. */
  dispute(saleId: string): { body: string; saleId: string } {
    return this.mark(saleId, 'disputed', 'dispute');
  }

  private mark(saleId: string, flag: 'refunded' | 'disputed', resource: 'refund' | 'dispute') {
    const sale = this.store.sale(saleId);
    if (!sale) throw new SimulatorError(404, `No sale ${saleId} was issued`);
    if (sale[flag]) throw new SimulatorError(409, `The sale ${saleId} is ${flag} already`);
    const marked = { ...sale, [flag]: true };
    this.store.putSale(marked);
    this.store.commit();
    return { body: pingBody(marked, resource), saleId };
  }

  /** The sale as Gumroad's API shows it, or undefined when no such sale was issued. */
  sale(saleId: string): Record<string, unknown> | undefined {
    const sale = this.store.sale(saleId);
    return sale && apiSale(sale);
  }

  /** Sets the lookup endpoint's fault (see `FaultSetting`), or reads it without an argument. */
  faults(setting?: FaultSetting): FaultState {
    return setting === undefined ? this.faultSwitch.state() : this.faultSwitch.set(setting);
  }

  /** For the HTTP endpoint: the fault the next lookup gets, if Gumroad is down. */
  takeFault(): { status: number; drop: boolean } | undefined {
    return this.faultSwitch.take();
  }
}
