/** Who may do what (R4, R9) and the bounds of a date (R2, R7): domain/rules.ts. */
export const RULE_PHRASES = {
  'rules.notInDirectory': 'You are not in the FastTrack directory yet: ask an admin to add you with your role.',
  'rules.loadRefusal': 'The FMs\' load is for FastTrack staff. Send "upcoming" to see your own customers\' dates.',
  'rules.partnerRefusal': 'Partners are not asked to update the Engagement Start Date. The customer\'s FastTrack Manager '
    + 'keeps it current.',
  'rules.notAssignedRefusal': 'Only the FM assigned to this customer can act on its engagement. If it should be yours, '
    + 'ask the Gateway team to assign the customer to you.',
  'rules.addWorkload.apiKey': 'An API key does not say which FM is calling: to add a workload as the customer\'s FM, '
    + 'call with your own Microsoft Entra ID token.',
  'rules.addWorkload.partner': 'Partners do not add workloads: {who} can add one to {customer}. Ask them.',
  'rules.addWorkload.other': 'Only {who} can add a workload to {customer}. Ask them, or ask the Gateway team to assign '
    + 'the customer to you if it should be yours.',
  'rules.who.namedFm': 'its FM ({name}), the Gateway team or an admin',
  'rules.who.fm': 'its FM, the Gateway team or an admin',
  'rules.who.gateway': 'the Gateway team or an admin',
  'rules.esd.both': 'Give either engagementStartDate or engagementStartMonth, not both.',
  'rules.esd.badDay': 'engagementStartDate must be a real date as YYYY-MM-DD.',
  'rules.esd.badMonth': 'engagementStartMonth must be a month as YYYY-MM.',
  'rules.esd.tooEarly': 'The date cannot be before {earliest}.',
  'rules.esd.past': 'The date {date} is in the past (today is {today}).',
  'rules.esd.pastAdvice': 'The date {date} is in the past (today is {today}). {advice}',
  'rules.esd.tooLate': 'The date cannot be more than {years} years ahead (after {latest}).',
  'rules.startedOn.bad': 'startedOn must be a real date as YYYY-MM-DD.',
  'rules.startedOn.future': 'The start day {day} is in the future (today is {today}): for a start still to come, give '
    + 'the Engagement Start Date (engagementStartDate) instead.',
  'rules.startedOn.tooEarly': 'The start day {day} is before {earliest}, when Engagement Start Dates began: check the '
    + 'year.',
} as const;
