/** The use cases' refusals (not found, conflicts, who may use a command): services/*. */
export const SERVICES_PHRASES = {
  'services.pickWorkload': 'Pick the workload to add from the list.',
  'services.queue.notAnFm': 'That person is not an FM in the directory: pick one from the list.',
  'services.queue.pickFm': 'Pick an FM first.',
  // gateway-queue.ts: who may use the queue (P1, P2).
  'services.queueRefusal': 'Only Gateway staff and admins can see the customers waiting for an FM and assign them. '
    + 'Type `upcoming` for your own engagements.',
  // customer-views.ts, customers.ts, card-actions.ts, timelines.ts: finding a customer.
  'services.whichCustomer': 'Say which customer: `customer` followed by a part of its name or its tenant id.',
  'services.noCustomerWithTenantId': 'There is no customer with tenant id {tenantId}.',
  'services.noCustomer': 'There is no customer {tenantId}.',
  // customers.ts: entering and changing customers (R4).
  'services.customerExists': 'A customer with tenant id {tenantId} exists already: change its workloads or assignee '
    + 'instead of entering it again.',
  'services.customerExistsNotOverwritten': 'A customer with tenant id {tenantId} exists already: not overwritten.',
  'services.invalidRequest': 'The request is not valid.',
  'services.nothingToChange': 'Nothing to change.',
  'services.nothingToChange.give': 'Give l1Status and/or engagementStartDate or engagementStartMonth.',
  'services.assigneeRequired': 'An assignee is required.',
  'services.notAnFmInDirectory': '{aadObjectId} is not an FM in the directory.',
} as const;
