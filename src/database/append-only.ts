/** The tables whose history is never rewritten: their rows refuse UPDATE, DELETE and TRUNCATE. */
export const APPEND_ONLY_TABLES = [
  'access_log',
  'diary_entry',
  'deadline_extension',
  'case_decision',
  'case_manager_assignment',
] as const;
