/**
 * Entering a customer and its workloads (R2, R7, R8): domain/customer.ts; free texts (domain/text.ts,
 * `customer.text.*`) and directory ids (domain/ids.ts, `customer.id.*`) too.
 */
export const CUSTOMER_PHRASES = {
  'customer.underWayAdvice': 'If the engagement is already under way, give the day it started (startedOn) instead.',
  // The L1 statuses as a message names them (the English is the API's value).
  'customer.l1Status.InProgress': 'InProgress',
  'customer.l1Status.Unknown': 'Unknown',
  'customer.l1Status.Blocked': 'Blocked',
  'customer.l1Status.NoIntent': 'NoIntent',
  'customer.l1Status.oneOf': 'l1Status must be one of {statuses}.',
  // One workload entry (R1, R2).
  'customer.workload.oneOf': 'workload must be one of {workloads}.',
  'customer.workload.needsDate': 'An InProgress workload needs an Engagement Start Date (engagementStartDate) or month '
    + '(engagementStartMonth).',
  'customer.workload.needsDateOrStart': 'An InProgress workload needs an Engagement Start Date (engagementStartDate) '
    + 'or month (engagementStartMonth) or, when it is already under way, the day it started (startedOn).',
  'customer.workload.dateNotApplicable': 'An Engagement Start Date applies only to InProgress workloads, not '
    + '{status}: remove the date, or set the L1 status to InProgress.',
  'customer.workload.notUnderWay': 'Only an InProgress workload can be already under way; a {status} workload carries '
    + 'no dates: remove startedOn, or set the L1 status to InProgress.',
  'customer.workload.startOrDate': 'Give either the day it started (startedOn), for an engagement already under way, '
    + 'or an Engagement Start Date or month, for one still to come, not both.',
  // The assignee (R4, R9).
  'customer.assignee.notObject': 'assignee must be an object.',
  'customer.assignee.badType': 'assignee type must be "fm" or "partner".',
  'customer.assignee.fmIdRequired': 'aadObjectId is required for an FM assignee.',
  'customer.assignee.partnerIdRequired': 'partnerId is required for a partner assignee.',
  // The new customer as a whole.
  'customer.tenantId.bad': 'tenantId must be a tenant GUID.',
  'customer.workloads.none': 'workloads must list at least one workload.',
  'customer.workloads.tooMany': 'workloads can list at most {max} entries.',
  'customer.workloads.notObject': 'Each workload must be an object.',
  'customer.workloads.twice': '{workload} is listed twice.',
  'customer.noWorkload': 'Customer {customer} has no workload {workload}.',
  // domain/text.ts: a free text (a reason, a note, a name). {label} is a phrase, or a field's name.
  'customer.text.required': '{label} is required.',
  'customer.text.notText': '{label} must be text.',
  'customer.text.tooLong': '{label} must be at most {max} characters (it has {length}).',
  'customer.text.label.name': 'name',
  // domain/ids.ts: a directory or partner id. {label} is a phrase, or a field's name.
  'customer.id.invalid': '{label} must not contain /, \\, #, ? or control characters, and must be 1 to {max} '
    + 'characters.',
  'customer.id.label.aadObjectId': 'aadObjectId',
  'customer.id.label.partnerId': 'partnerId',
} as const;
