import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';
import { GumroadSimulator } from './gumroad';
import { PayPalSimulator } from './paypal';
import { SimulatorStore } from './store';

/** The payment providers Lectern verifies with, simulated on the local endpoint. */
export interface ProviderSimulators {
  paypal: PayPalSimulator;
  gumroad: GumroadSimulator;
}

/** The simulators over the runtime database (what they issued survives a restart). */
export function createSimulators(db: LocalDatabase, clock: Clock): ProviderSimulators {
  const store = new SimulatorStore(db);
  return { paypal: new PayPalSimulator(store, clock), gumroad: new GumroadSimulator(store, clock) };
}
