/** The use cases' refusals (not found, conflicts, who may use a command): services/*. */
export const SERVICES_PHRASES = {
  'services.pickWorkload': 'Pick the workload to add from the list.',
  'services.queue.notAnFm': 'That person is not an FM in the directory: pick one from the list.',
  'services.queue.pickFm': 'Pick an FM first.',
} as const;
