/** Transitions of an engagement (R3, R5, R6, R7): domain/engagement.ts. */
export const ENGAGEMENT_PHRASES = {
  'engagement.reschedulePastAdvice': 'If communication with the customer already started that day, use '
    + '"Communication started" and pick the day it happened.',
  // What each card verb does, as a refusal names it ("Cannot {action}: …").
  'engagement.action.confirmStart': 'confirm the start',
  'engagement.action.reschedule': 'change the date',
  'engagement.action.noResponse': 'record no response',
  'engagement.action.customerInactive': 'mark the customer inactive',
  'engagement.action.complete': 'complete the deployment',
  // Why the workload's state refuses the verb (R3, R5, P3), and what to do instead.
  'engagement.refusal.started': 'Cannot {action}: {workload} has started already, so its date stays as it is. When '
    + 'the deployment is finished, record "Deployment finished".',
  'engagement.refusal.startedOn': 'Cannot {action}: {workload} has started already (on {day}), so its date stays as '
    + 'it is. When the deployment is finished, record "Deployment finished".',
  'engagement.refusal.completed': 'Cannot {action}: the deployment of {workload} is completed. For more work with '
    + 'this customer, add a further workload.',
  'engagement.refusal.inactive': 'Cannot {action}: {workload} is marked inactive already. When the customer answers, '
    + 'record "Communication started" or reschedule.',
  'engagement.refusal.notApplicable': 'Cannot {action}: {workload} has no active Engagement Start Date.',
  'engagement.refusal.notStarted': 'Cannot {action}: {workload} has not started yet. Record "Communication started" '
    + 'first.',
  // R1: only an InProgress workload has an ESD. {status} is a customer.l1Status.* phrase.
  'engagement.refusal.notInProgress': '{workload} is {status}: only InProgress workloads have an Engagement Start '
    + 'Date. To give it one, set its L1 status to InProgress together with the date (the Gateway team can).',
  // The labels of the free texts a transition reads (customer.text.* messages).
  'engagement.label.reason': 'A reason',
  'engagement.label.note': 'A note',
  // R4, R6: a new date.
  'engagement.dateRequired': 'A new date or month is required.',
  'engagement.sameDate': 'The date is already {date}.',
  'engagement.pickDifferentDate': 'Pick a date different from the current one.',
  // R5: the day communication started, as the FM gives it.
  'engagement.startDay.bad': 'The day must be a real date as YYYY-MM-DD.',
  'engagement.startDay.future': '{day} is in the future: pick the day it started, today ({today}) or earlier.',
  'engagement.startDay.tooEarly': '{day} is before {earliest}, when Engagement Start Dates began: check the year.',
  'engagement.startDay.tooLongAgo': '{day} is more than {days} days ago: pick a day from {earliest} to today '
    + '({today}).',
  // R1: a change of L1 status. {status} is a customer.l1Status.* phrase.
  'engagement.l1Status.already': '{workload} is already {status}.',
  'engagement.l1Status.alreadyDetail': 'The status is already {status}.',
  'engagement.l1Status.noDate': 'An Engagement Start Date applies only to InProgress workloads.',
  'engagement.l1Status.removeDate': 'Remove the date: {status} workloads carry none.',
  // R7, R8: a further workload.
  'engagement.addWorkload.exists': '{customer} already has {workload}: change that workload (its date or status) '
    + 'instead of adding it again.',
} as const;
