/** The use cases' refusals (not found, conflicts, who may use a command): services/*. */
export const SERVICES_PHRASES = {
  'services.pickWorkload': 'Pick the workload to add from the list.',
  'services.pickSource': 'Pick why the workload is added from the list.',
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
  // reminder-list.ts: why a card was not delivered (the REST API's `reason`, the Gateway's Monday digest).
  'services.delivery.neverInstalled': 'The FM has no chat with the bot yet (the app is not installed for them); the card '
    + 'goes out once they install it or open the bot.',
  'services.delivery.blocked': 'Teams refuses cards in the FM\'s chat (they blocked the bot, or it is disabled for '
    + 'them); the card goes out once they talk to the bot again.',
  'services.delivery.uninstalled': 'The FM removed the app; the card goes out once they install it again.',
  'services.delivery.graphRefused': 'Microsoft Graph refused to install the app for the FM; an admin can install it '
    + 'for them (an app setup policy).',
  'services.delivery.expired': 'Teams did not take the card before the end of the person\'s day; a follow-up asks '
    + 'again on their next working morning while any are left.',
  'services.delivery.refused': 'The person blocked the bot or Teams refused the chat; they get cards again once they '
    + 'talk to the bot.',
  'services.delivery.gone': 'The chat is gone (the bot was uninstalled); they get cards again once they talk to the '
    + 'bot.',
  'services.delivery.tooLarge': 'The card was too large for Teams.',
  'services.delivery.throttled': 'Teams asked the bot to slow down; a later sweep tries again.',
  'services.delivery.noAnswer': 'Teams did not answer; a later sweep tries again.',
  'services.delivery.noConnection': 'Teams could not be reached; a later sweep tries again.',
  'services.delivery.other': 'Teams did not accept the card ({error}).',
} as const;
