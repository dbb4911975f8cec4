let ids = 0;
/** A key no other test uses. */
export const uniqueId = (prefix = 'id') => `${prefix}-${++ids}-${process.pid}`;
