/** The `ledger` table's names, shared by the topology and the workflow (no SDK here). */
export const LEDGER_TABLE = 'ledger';
/** `provider#transactionId`: one item per payment, whatever number of notifications told of it. */
export const LEDGER_KEY = 'pk';
