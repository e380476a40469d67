/** Entering a customer and its workloads (R2, R7, R8): domain/customer.ts. */
export const CUSTOMER_PHRASES = {
  'customer.underWayAdvice': 'If the engagement is already under way, give the day it started (startedOn) instead.',
} as const;
